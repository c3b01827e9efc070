namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>A read receipt for the customer message <paramref name="MessageId"/> (a wamid); with <paramref name="Typing"/> it also shows "typing…" (Meta: up to 25 s).</summary>
[GenerateSerializer, Immutable, Alias("waapp.ReadReceipt")]
public sealed record ReadReceipt(string MessageId, bool Typing = false);

/// <summary>What became of a read receipt or typing indicator: <paramref name="Sent"/>, or why not.</summary>
/// <param name="NoCustomerMessage">Nothing was sent because the customer has not written: there is no message to mark.</param>
[GenerateSerializer, Immutable, Alias("waapp.ReadReceiptOutcome")]
public sealed record ReadReceiptOutcome(bool Sent, string? Reason = null, bool NoCustomerMessage = false)
{
    public static readonly ReadReceiptOutcome Accepted = new(true);
}
