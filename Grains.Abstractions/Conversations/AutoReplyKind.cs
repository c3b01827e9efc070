namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>Why WaApp answered a customer on its own. Stored in events: never renumber.</summary>
[GenerateSerializer, Alias("waapp.AutoReplyKind")]
public enum AutoReplyKind
{
    OptOutConfirmation = 0,
    OptInConfirmation = 1,
    Welcome = 2,
    KeywordReply = 3,
    AwayMessage = 4,
}
