namespace WaApp.WhatsApp.Templates;

/// <summary>The verdict of <see cref="TemplateSendChecker"/>.</summary>
public abstract record TemplateCheckResult
{
    private TemplateCheckResult()
    {
    }

    public static readonly TemplateCheckResult Valid = new Sendable();

    /// <summary>The template can be sent with these parameters (as far as WaApp knows it).</summary>
    public sealed record Sendable : TemplateCheckResult;

    /// <summary>The send does not fit the template; <paramref name="Field"/> names the part of the send object.</summary>
    public sealed record Mismatch(string Field, string Problem) : TemplateCheckResult;

    /// <summary>The template exists but Meta would not send it (<paramref name="Status"/>: PAUSED, DISABLED, REJECTED, PENDING, …).</summary>
    public sealed record NotSendable(string Status, string Problem) : TemplateCheckResult;
}
