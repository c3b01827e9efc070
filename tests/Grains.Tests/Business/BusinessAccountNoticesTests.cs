using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Business;

namespace WaApp.Grains.Tests.Business;

/// <summary>Account notices are kept per webhook field with a cap, so busy fields never push template statuses out.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BusinessAccountNoticesTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_flood_of_calls_and_history_notices_keeps_template_statuses_and_stays_bounded()
    {
        var account = fixture.Grains.GetGrain<IBusinessAccountGrain>("waba-" + Guid.NewGuid().ToString("N"));
        await account.RecordAsync([Template("spring_sale", "MARKETING")]);

        // Two busy fields, each well past the cap, recorded the way webhooks arrive: in batches.
        const int flood = BusinessAccountState.MaxNoticesPerField + 150;
        foreach (var batch in Enumerable.Range(0, flood).Chunk(50))
        {
            await account.RecordAsync([.. batch.SelectMany(i => new[] { Notice("calls", i), Notice("history", i) })]);
        }

        await fixture.Cluster.DeactivateAsync(account);

        Assert.Equal("MARKETING", await account.GetTemplateCategoryAsync("spring_sale", "en_US"));
        var newest = await account.GetNoticesAsync(200);
        Assert.Equal($$"""{"n":{{flood - 1}}}""", newest[^1].RawJson);
    }

    [Fact]
    public void Each_field_keeps_its_newest_notices_up_to_the_cap_and_forgets_the_fingerprints_it_drops()
    {
        var state = new BusinessAccountState();
        state.Apply(new BusinessNoticeReceived(Template("spring_sale", "MARKETING")));
        for (var i = 0; i < BusinessAccountState.MaxNoticesPerField * 3; i++)
        {
            state.Apply(new BusinessNoticeReceived(Notice("calls", i)));
        }

        var calls = state.Notices.Where(notice => notice.Field == "calls").ToList();
        Assert.Equal(BusinessAccountState.MaxNoticesPerField, calls.Count);
        Assert.Equal($$"""{"n":{{(BusinessAccountState.MaxNoticesPerField * 2)}}}""", calls[0].RawJson);
        Assert.Single(state.Notices, notice => notice.Field == "message_template_status_update");
        Assert.Equal(state.Notices.Count, state.Fingerprints.Count);
        Assert.True(state.Contains(calls[^1]));
    }

    private static BusinessNotice Notice(string field, int n) =>
        new(field, "NOTICE", T0.AddSeconds(n), "106540352242922", null, null, $$"""{"n":{{n}}}""");

    private static BusinessNotice Template(string name, string category) => new(
        "message_template_status_update",
        "APPROVED",
        T0,
        PhoneNumberId: null,
        name,
        Error: null,
        $$"""{"event":"APPROVED","message_template_name":"{{name}}","message_template_language":"en_US","message_template_category":"{{category}}"}""");
}
