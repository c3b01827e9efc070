using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Rules;

/// <summary>
/// Checks <see cref="BusinessSettings"/> before they are stored; every error names the field by its JSON path so an
/// API client can show it next to the right input.
/// </summary>
public static class BusinessSettingsValidator
{
    public const int MaxReplyLength = BusinessSettingsLimits.MaxReplyLength;
    public const int MaxKeywordLength = BusinessSettingsLimits.MaxKeywordLength;
    public const int MaxKeywordReplies = BusinessSettingsLimits.MaxKeywordReplies;
    public const int MaxOpeningPeriods = BusinessSettingsLimits.MaxOpeningPeriods;
    public static readonly TimeSpan MinAwayMessageInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxAwayMessageInterval = TimeSpan.FromDays(7);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    public static IReadOnlyList<SettingsFieldError> Validate(BusinessSettings? settings)
    {
        if (settings is null)
        {
            return [new SettingsFieldError("settings", "Settings are required.")];
        }

        var errors = new List<SettingsFieldError>();
        CheckOptionalText(errors, "welcomeMessage", settings.WelcomeMessage);
        CheckOptionalText(errors, "optOutConfirmation", settings.OptOutConfirmation);
        CheckOptionalText(errors, "optInConfirmation", settings.OptInConfirmation);
        CheckKeywordReplies(errors, settings.KeywordReplies);
        if (settings.BusinessHours is { } hours)
        {
            CheckBusinessHours(errors, hours);
        }

        return errors;
    }

    /// <summary>Finds an IANA time zone id (e.g. <c>America/New_York</c>); Windows ids are refused to keep settings portable.</summary>
    public static bool TryFindTimeZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _))
        {
            return false;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            return false;
        }

        zone = found;
        return true;
    }

    /// <summary>The period as [start, end) offsets from Sunday 00:00 local time; the end may pass the week's end.</summary>
    public static (TimeSpan Start, TimeSpan End) WeekRange(OpeningPeriod period)
    {
        var start = TimeSpan.FromDays((int)period.Day) + period.Opens.ToTimeSpan();
        var length = period.Closes.ToTimeSpan() - period.Opens.ToTimeSpan();
        if (length <= TimeSpan.Zero)
        {
            length += Day;
        }

        return (start, start + length);
    }

    private static void CheckOptionalText(List<SettingsFieldError> errors, string field, string? text)
    {
        if (text is null)
        {
            return;
        }

        CheckReplyText(errors, field, text);
    }

    private static void CheckReplyText(List<SettingsFieldError> errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new SettingsFieldError(field, "The message must not be empty (use null to send none)."));
        }
        else if (text.Length > MaxReplyLength)
        {
            errors.Add(new SettingsFieldError(field, $"The message must be at most {MaxReplyLength} characters."));
        }
    }

    private static void CheckKeywordReplies(List<SettingsFieldError> errors, IReadOnlyList<KeywordReply>? replies)
    {
        if (replies is null)
        {
            errors.Add(new SettingsFieldError("keywordReplies", "keywordReplies must be a list (empty for none)."));
            return;
        }

        if (replies.Count > MaxKeywordReplies)
        {
            errors.Add(new SettingsFieldError("keywordReplies", $"At most {MaxKeywordReplies} keyword replies are allowed."));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < replies.Count; i++)
        {
            var field = $"keywordReplies[{i}]";
            if (replies[i] is not { } reply)
            {
                errors.Add(new SettingsFieldError(field, "A keyword reply must not be null."));
                continue;
            }

            var keyword = reply.Keyword?.Trim();
            if (string.IsNullOrEmpty(keyword) || !keyword.Any(char.IsLetterOrDigit))
            {
                errors.Add(new SettingsFieldError($"{field}.keyword", "The keyword must contain at least one letter or digit."));
            }
            else if (keyword.Length > MaxKeywordLength)
            {
                errors.Add(new SettingsFieldError($"{field}.keyword", $"The keyword must be at most {MaxKeywordLength} characters."));
            }
            else if (!seen.Add(string.Join(' ', keyword.Split(' ', StringSplitOptions.RemoveEmptyEntries))))
            {
                errors.Add(new SettingsFieldError($"{field}.keyword", $"The keyword '{keyword}' is already used by an earlier reply."));
            }

            CheckReplyText(errors, $"{field}.reply", reply.Reply);
        }
    }

    private static void CheckBusinessHours(List<SettingsFieldError> errors, BusinessHours hours)
    {
        if (!TryFindTimeZone(hours.TimeZone, out _))
        {
            errors.Add(new SettingsFieldError("businessHours.timeZone", $"'{hours.TimeZone}' is not an IANA time zone id such as 'Europe/Madrid'."));
        }

        CheckReplyText(errors, "businessHours.awayMessage", hours.AwayMessage);
        if (hours.AwayMessageInterval is { } interval && (interval < MinAwayMessageInterval || interval > MaxAwayMessageInterval))
        {
            errors.Add(new SettingsFieldError(
                "businessHours.awayMessageInterval",
                $"The interval must be between {MinAwayMessageInterval} and {MaxAwayMessageInterval}."));
        }

        if (hours.Periods is null || hours.Periods.Count == 0)
        {
            errors.Add(new SettingsFieldError("businessHours.periods", "Business hours need at least one opening period (omit businessHours to be always open)."));
            return;
        }

        if (hours.Periods.Count > MaxOpeningPeriods)
        {
            errors.Add(new SettingsFieldError("businessHours.periods", $"At most {MaxOpeningPeriods} opening periods are allowed."));
            return;
        }

        CheckPeriods(errors, hours.Periods);
    }

    private static void CheckPeriods(List<SettingsFieldError> errors, IReadOnlyList<OpeningPeriod> periods)
    {
        var ranges = new List<(int Index, TimeSpan Start, TimeSpan End)>();
        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i] is not { } period)
            {
                errors.Add(new SettingsFieldError($"businessHours.periods[{i}]", "An opening period must not be null."));
                continue;
            }

            if (!Enum.IsDefined(period.Day))
            {
                errors.Add(new SettingsFieldError($"businessHours.periods[{i}].day", "The day must be Sunday to Saturday."));
                continue;
            }

            var (start, end) = WeekRange(period);
            foreach (var other in ranges)
            {
                if (Overlaps(start, end, other.Start, other.End))
                {
                    errors.Add(new SettingsFieldError(
                        $"businessHours.periods[{i}]",
                        $"This period overlaps businessHours.periods[{other.Index}]."));
                    break;
                }
            }

            ranges.Add((i, start, end));
        }
    }

    // Ranges may run past Saturday midnight into Sunday, so compare each one shifted by a week as well.
    private static bool Overlaps(TimeSpan start, TimeSpan end, TimeSpan otherStart, TimeSpan otherEnd) =>
        Intersect(start, end, otherStart, otherEnd)
        || Intersect(start + Week, end + Week, otherStart, otherEnd)
        || Intersect(start, end, otherStart + Week, otherEnd + Week);

    private static bool Intersect(TimeSpan start, TimeSpan end, TimeSpan otherStart, TimeSpan otherEnd) =>
        start < otherEnd && otherStart < end;
}
