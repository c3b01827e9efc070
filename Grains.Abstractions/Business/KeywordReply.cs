namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// Answers a customer message that contains <paramref name="Keyword"/> as a whole word or phrase, ignoring case,
/// surrounding punctuation and extra spaces.
/// </summary>
[GenerateSerializer, Immutable, Alias("waapp.KeywordReply")]
public sealed record KeywordReply(string Keyword, string Reply);
