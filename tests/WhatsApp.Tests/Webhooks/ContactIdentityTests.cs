using WaApp.WhatsApp.Webhooks;

namespace WaApp.WhatsApp.Tests.Webhooks;

public sealed class ContactIdentityTests
{
    [Theory]
    [InlineData("1555", "US.1", "1555")]
    [InlineData(null, "US.1", "US.1")]
    [InlineData("", "US.1", "US.1")]
    [InlineData("", "", null)]
    [InlineData(null, null, null)]
    public void The_wa_id_names_the_user_and_an_empty_string_is_absent(string? waId, string? userId, string? expected) =>
        Assert.Equal(expected, ContactIdentity.ContactId(waId, userId));

    [Theory]
    [InlineData(SystemTypes.UserChangedNumber, "1666", null, "1666")]
    [InlineData(SystemTypes.CustomerChangedNumber, null, "1666", "1666")]
    [InlineData(SystemTypes.UserChangedNumber, "", "1666", "1666")]
    [InlineData(SystemTypes.UserChangedNumber, "", "", null)]
    public void The_new_number_is_wa_id_or_the_older_new_wa_id(string type, string? waId, string? newWaId, string? expected) =>
        Assert.Equal(expected, ContactIdentity.NewWaId(new SystemContent { Type = type, WaId = waId, NewWaId = newWaId }));

    [Theory]
    [InlineData(SystemTypes.UserChangedUserId, "US.2", null, "US.2")]
    [InlineData(SystemTypes.UserChangedUserId, "", "US.2", "US.2")]
    [InlineData(SystemTypes.UserChangedUserId, "US.3", "", "US.3")]
    [InlineData(SystemTypes.UserChangedNumber, null, "US.2", null)]
    public void The_new_user_id_is_user_id_only_in_a_user_id_change(string type, string? newUserId, string? userId, string? expected) =>
        Assert.Equal(expected, ContactIdentity.NewUserId(new SystemContent { Type = type, NewUserId = newUserId, UserId = userId }));
}
