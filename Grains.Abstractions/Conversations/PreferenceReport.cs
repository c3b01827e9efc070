namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>The user stopped or resumed a category of messages from this business number (<c>user_preferences</c>).</summary>
/// <param name="Category">e.g. <c>marketing_messages</c>.</param>
/// <param name="Value"><c>stop</c> or <c>resume</c>.</param>
/// <param name="RawJson">The preference object exactly as Meta sent it.</param>
[GenerateSerializer, Immutable, Alias("waapp.PreferenceReport")]
public sealed record PreferenceReport(string Category, string Value, string? Detail, DateTimeOffset Timestamp, string RawJson) : ConversationUpdate;
