namespace WaApp.CloudApiSimulator.Sending;

/// <summary>What the simulator needs from a valid body of <c>POST /messages</c>.</summary>
public abstract record SendRequest
{
    private SendRequest()
    {
    }

    /// <summary>
    /// A message to a user: <paramref name="WaId"/> is the digits of <c>to</c>, or <paramref name="UserId"/> the
    /// business-scoped user id of <c>recipient</c> (exactly one is set).
    /// </summary>
    /// <param name="TemplateName">The template's name, for templates.</param>
    public sealed record Message(string Type, string Input, string? WaId, string? UserId, string? CallbackData, string? TemplateName = null) : SendRequest
    {
        /// <summary>The id the message was addressed to: windows and pair limits are kept per recipient.</summary>
        public string Recipient => WaId ?? UserId!;

        /// <summary>Templates are the only messages allowed outside the customer service window.</summary>
        public bool NeedsOpenWindow => Type != "template";
    }

    /// <summary>Mark-as-read, optionally with a typing indicator.</summary>
    public sealed record ReadReceipt(string MessageId, bool Typing) : SendRequest;
}
