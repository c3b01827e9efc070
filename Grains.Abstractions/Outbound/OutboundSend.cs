namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>One message for a number's sender.</summary>
/// <param name="SendId">Our id of this message; echoed by Meta in status webhooks (<c>biz_opaque_callback_data</c>).</param>
/// <param name="To">The recipient: the customer's wa_id, or a phone number with country code.</param>
/// <param name="Content">What to send.</param>
/// <param name="Lane">Live conversation traffic or bulk.</param>
/// <param name="ReplyTo">The wamid this message answers, shown as a quote; null for none.</param>
[GenerateSerializer, Immutable, Alias("waapp.OutboundSend")]
public sealed record OutboundSend(string SendId, string To, OutboundContent Content, SendLane Lane = SendLane.Live, string? ReplyTo = null);
