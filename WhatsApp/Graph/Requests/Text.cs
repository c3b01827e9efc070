namespace WaApp.WhatsApp.Graph;

/// <summary>A text body (≤ 4096 characters); <see cref="PreviewUrl"/> renders the first http(s) link.</summary>
public sealed record TextPayload(string Body, bool? PreviewUrl = null);

/// <summary>Our reaction to a message; an empty emoji removes it.</summary>
public sealed record ReactionPayload(string MessageId, string Emoji);

/// <summary>A location pin; name and address are optional.</summary>
public sealed record LocationPayload(double Latitude, double Longitude, string? Name = null, string? Address = null);
