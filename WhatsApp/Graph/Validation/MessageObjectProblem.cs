namespace WaApp.WhatsApp.Graph;

/// <summary>Why a message object cannot be sent: <see cref="Field"/> is its JSON path (e.g. <c>interactive.action.buttons</c>).</summary>
public sealed record MessageObjectProblem(string Field, string Message);
