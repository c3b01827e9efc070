namespace WaApp.CloudApiSimulator.Sending;

/// <summary>What the simulator needs from a valid body of <c>POST /messages</c>.</summary>
public abstract record SendRequest
{
    private SendRequest()
    {
    }

    /// <summary>
    /// A message to a user: <paramref name="WaId"/> is the digits of <c>to</c>, or <paramref name="UserId"/> the
    /// business-scoped user id of <c>recipient</c> (exactly one is set); for a group, <paramref name="WaId"/> is the
    /// group id.
    /// </summary>
    /// <param name="TemplateName">The template's name, for templates.</param>
    /// <param name="ToGroup">True for <c>recipient_type: group</c> (Groups API): <c>to</c> is a group id.</param>
    public sealed record Message(string Type, string Input, string? WaId, string? UserId, string? CallbackData, string? TemplateName = null, bool ToGroup = false) : SendRequest
    {
        /// <summary>The id the message was addressed to: windows and pair limits are kept per recipient.</summary>
        public string Recipient => WaId ?? UserId!;

        /// <summary>Templates are the only messages allowed outside the customer service window; a group has no window.</summary>
        public bool NeedsOpenWindow => Type != "template" && !ToGroup;
    }

    /// <summary>Mark-as-read, optionally with a typing indicator.</summary>
    public sealed record ReadReceipt(string MessageId, bool Typing) : SendRequest;
}
