using WaApp.WebGateway.Webhooks.Identities;

namespace WaApp.WebGateway.Tests.Webhooks;

public sealed class ContactAliasCacheTests
{
    [Fact]
    public void A_routed_id_is_remembered_and_a_new_contact_for_it_replaces_the_old_one()
    {
        var cache = new ContactAliasCache();

        cache.Remember("US.13491208655302741918", "14155550123");
        cache.Remember("US.13491208655302741918", "14155550199");

        Assert.True(cache.TryGet("US.13491208655302741918", out var contactId));
        Assert.Equal("14155550199", contactId);
        Assert.False(cache.TryGet("US.00000000000000000000", out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_full_cache_starts_over_instead_of_growing_past_its_bound()
    {
        var cache = new ContactAliasCache();
        for (var i = 0; i < ContactAliasCache.MaxEntries; i++)
        {
            cache.Remember("id." + i, "contact." + i);
        }

        // Ids seen again do not count as new ones.
        cache.Remember("id.0", "contact.0");
        Assert.Equal(ContactAliasCache.MaxEntries, cache.Count);

        cache.Remember("id.new", "contact.new");

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("id.new", out _));
        Assert.False(cache.TryGet("id.0", out _));
    }
}
