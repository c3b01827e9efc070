namespace WaApp.WhatsApp.Graph;

/// <summary>The Graph API error envelope: <c>{"error":{…}}</c>.</summary>
internal sealed record GraphErrorResponse(GraphErrorBody? Error);

internal sealed record GraphErrorBody(
    string? Message,
    string? Type,
    int? Code,
    int? ErrorSubcode,
    GraphErrorData? ErrorData,
    string? ErrorUserTitle,
    string? FbtraceId);

internal sealed record GraphErrorData(string? MessagingProduct, string? Details);
