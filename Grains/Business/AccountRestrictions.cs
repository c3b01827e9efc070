using System.Text.Json;
using WaApp.Grains.Abstractions.Business;

namespace WaApp.Grains.Business;

/// <summary>
/// Reads <c>account_update</c> notices that take messaging away from the account's numbers: a ban
/// (<c>DISABLED_UPDATE</c> with <c>ban_info.waba_ban_state</c> <c>DISABLE</c>) or a messaging restriction
/// (<c>ACCOUNT_RESTRICTION</c> with a <c>RESTRICTED_*_MESSAGING</c> type). Reinstatements and other events do not pause
/// anything; an operator resumes once Meta lifts the ban or restriction.
/// </summary>
public static class AccountRestrictions
{
    private const string AccountUpdate = "account_update";

    /// <summary>Why <paramref name="notice"/> stops the account's numbers from sending, or null when it does not.</summary>
    public static string? PauseReason(BusinessNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Field != AccountUpdate)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(notice.RawJson);
            var value = document.RootElement;
            return notice.Event switch
            {
                "DISABLED_UPDATE" when BanState(value) is null or "DISABLE" =>
                    "Meta disabled the business account (account_update DISABLED_UPDATE). Resume once it is reinstated.",
                "ACCOUNT_RESTRICTION" when MessagingRestrictions(value) is { Count: > 0 } types =>
                    $"Meta restricted the business account ({string.Join(", ", types)}; account_update ACCOUNT_RESTRICTION). Resume once the restriction ends.",
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? BanState(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("ban_info", out var ban) && ban.ValueKind == JsonValueKind.Object
        && ban.TryGetProperty("waba_ban_state", out var state) && state.ValueKind == JsonValueKind.String
            ? state.GetString()
            : null;

    private static List<string> MessagingRestrictions(JsonElement value)
    {
        List<string> types = [];
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("restriction_info", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var restriction in list.EnumerateArray())
            {
                if (restriction.ValueKind == JsonValueKind.Object
                    && restriction.TryGetProperty("restriction_type", out var type) && type.ValueKind == JsonValueKind.String
                    && type.GetString() is { } name && name.StartsWith("RESTRICTED_", StringComparison.Ordinal) && name.EndsWith("_MESSAGING", StringComparison.Ordinal))
                {
                    types.Add(name);
                }
            }
        }

        return types;
    }
}
