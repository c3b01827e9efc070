using WaApp.CloudApiSimulator.Identities;

namespace WaApp.CloudApiSimulator.Control;

/// <summary>Checks of the user ids a control request names; each problem is reported under its field.</summary>
internal static class UserIds
{
    /// <summary>The digits of <paramref name="from"/>, or null when absent (then <paramref name="userId"/> must name the user).</summary>
    public static string? ReadWaId(string? from, string? userId, Dictionary<string, string[]> errors, string field = "from")
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            if (string.IsNullOrWhiteSpace(userId))
            {
                errors[field] = ["The user's number (wa_id digits, 7 to 15) or business-scoped user id (userId) is required."];
            }

            return null;
        }

        var digits = new string([.. from.Where(char.IsAsciiDigit)]);
        if (digits.Length is < 7 or > 15)
        {
            errors[field] = ["The user's number must be a wa_id: 7 to 15 digits."];
            return null;
        }

        return digits;
    }

    public static void CheckBsuid(string? id, string field, Dictionary<string, string[]> errors)
    {
        if (id is not null && !Bsuids.IsBsuid(id))
        {
            errors[field] = ["A business-scoped user id looks like US.13491208655302741918 (parent: US.ENT.…)."];
        }
    }
}
