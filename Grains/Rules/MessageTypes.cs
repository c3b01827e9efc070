namespace WaApp.Grains.Rules;

/// <summary>Which inbound message types are a person writing to the business.</summary>
public static class MessageTypes
{
    public const string Text = "text";
    public const string Reaction = "reaction";
    public const string System = "system";
    public const string Unsupported = "unsupported";
    public const string Unknown = "unknown";
    public const string RequestWelcome = "request_welcome";
    public const string Edit = "edit";
    public const string Revoke = "revoke";
    public const string Call = "call";
    public const string GroupEvent = "group_event";

    /// <summary>
    /// True for messages a customer wrote (text, media, location, button replies, orders, types Meta adds later).
    /// Reactions, system notices (number changes), unsupported/unknown content, the request_welcome ping, edits and
    /// deletions of earlier messages, call log entries and group events are
    /// not: Meta does not document them as opening the customer-service window, so they neither extend it nor get
    /// automatic replies.
    /// </summary>
    public static bool IsUserMessage(string? type) =>
        !string.IsNullOrEmpty(type)
        && !string.Equals(type, Reaction, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(type, System, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(type, Unsupported, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(type, Unknown, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(type, RequestWelcome, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(type, Edit, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(type, Revoke, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(type, Call, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(type, GroupEvent, StringComparison.OrdinalIgnoreCase);
}
