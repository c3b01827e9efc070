using Microsoft.AspNetCore.Http;
using WaApp.ServiceDefaults.Logging;

namespace WaApp.ServiceDefaults.Tests.Logging;

public sealed class QueryStringRedactorTests
{
    [Fact]
    public void Verify_token_is_redacted_and_the_rest_kept()
    {
        var logged = QueryStringRedactor.Redact(new QueryString("?hub.mode=subscribe&hub.verify_token=s3cret-token&hub.challenge=1158201444"));

        Assert.Equal("?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=1158201444", logged);
    }

    [Fact]
    public void Access_token_is_redacted_whatever_its_case()
    {
        var logged = QueryStringRedactor.Redact(new QueryString("?ACCESS_TOKEN=e2e-api-key-7d1c&page=2"));

        Assert.DoesNotContain("e2e-api-key-7d1c", logged, StringComparison.Ordinal);
        Assert.Contains("page=2", logged, StringComparison.Ordinal);
    }

    [Fact]
    public void No_query_logs_nothing() => Assert.Equal(string.Empty, QueryStringRedactor.Redact(QueryString.Empty));
}
