using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Outbound;

namespace WaApp.WebGateway.Api;

/// <summary>
/// The size limits of every REST body field, in one place (docs/api.md "Limits"). The gateway refuses a value over its
/// limit with a 400 naming the field before any grain is called, so an oversized request never reaches storage.
/// Where Meta or a grain already has a limit, that limit is reused rather than restated.
/// </summary>
public static class FieldLimits
{
    /// <summary>The largest REST request body in bytes: a full settings document with every reply at its limit fits.</summary>
    public const long RequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Meta's limit for a text message body.</summary>
    public const int Text = TextContent.MaxLength;

    /// <summary>Meta's limit for a template name.</summary>
    public const int TemplateName = 512;

    /// <summary>Language codes are short (<c>en_US</c>, <c>zh_HK</c>).</summary>
    public const int TemplateLanguage = 16;

    public const int TemplateParameters = 50;

    /// <summary>Meta's limit for a template body (1,024 characters) also bounds each parameter.</summary>
    public const int TemplateParameter = 1024;

    /// <summary>A wamid is about 60 characters; this leaves room for Meta to lengthen them.</summary>
    public const int ReplyTo = 256;

    public const int IdempotencyKey = SendMessageCommand.MaxIdempotencyKeyLength;

    public const int Agent = 128;

    /// <summary>Welcome, opt-out and opt-in confirmations, keyword replies and the away message.</summary>
    public const int SettingsText = BusinessSettingsLimits.MaxReplyLength;

    public const int Keyword = BusinessSettingsLimits.MaxKeywordLength;

    public const int KeywordReplies = BusinessSettingsLimits.MaxKeywordReplies;

    public const int OpeningPeriods = BusinessSettingsLimits.MaxOpeningPeriods;

    /// <summary>A 400 naming <paramref name="field"/> when <paramref name="value"/> is longer than <paramref name="limit"/>, else null.</summary>
    public static IResult? TooLong(string field, string? value, int limit) =>
        value is { Length: var length } && length > limit
            ? Problems.Validation(field, $"{field} must be at most {limit} characters.")
            : null;
}
