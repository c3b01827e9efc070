using System.Net;
using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Tests.Graph;

/// <summary>Every code of the Cloud API error table (reference §7.1) lands in the class the table prescribes.</summary>
public sealed class GraphErrorClassifierTests
{
    public static TheoryData<int, GraphErrorClass> ReferenceTable => new()
    {
        { 0, GraphErrorClass.StopSending },
        { 190, GraphErrorClass.StopSending },
        { 3, GraphErrorClass.StopSending },
        { 10, GraphErrorClass.StopSending },
        { 200, GraphErrorClass.StopSending },
        { 250, GraphErrorClass.StopSending },
        { 299, GraphErrorClass.StopSending },
        { 100, GraphErrorClass.NeverRetry },
        { 4, GraphErrorClass.RetryWithBackoff },
        { 80007, GraphErrorClass.RetryWithBackoff },
        { 130429, GraphErrorClass.RetryWithBackoff },
        { 131056, GraphErrorClass.RetryRecipientLater },
        { 131048, GraphErrorClass.StopSending },
        { 131047, GraphErrorClass.NeedsTemplate },
        { 131026, GraphErrorClass.NeverRetry },
        { 131049, GraphErrorClass.NeverRetry },
        { 131050, GraphErrorClass.NeverRetry },
        { 131051, GraphErrorClass.NeverRetry },
        { 131052, GraphErrorClass.NeverRetry },
        { 131053, GraphErrorClass.NeverRetry },
        { 131008, GraphErrorClass.NeverRetry },
        { 131009, GraphErrorClass.NeverRetry },
        { 131030, GraphErrorClass.NeverRetry },
        { 131031, GraphErrorClass.StopSending },
        { 368, GraphErrorClass.StopSending },
        { 131042, GraphErrorClass.StopSending },
        { 131057, GraphErrorClass.RetryWithBackoff },
        { 131000, GraphErrorClass.RetryWithBackoff },
        { 131016, GraphErrorClass.RetryWithBackoff },
        { 1, GraphErrorClass.RetryWithBackoff },
        { 2, GraphErrorClass.RetryWithBackoff },
        { 132000, GraphErrorClass.NeverRetry },
        { 132001, GraphErrorClass.NeverRetry },
        { 132005, GraphErrorClass.NeverRetry },
        { 132007, GraphErrorClass.NeverRetry },
        { 132012, GraphErrorClass.NeverRetry },
        { 132015, GraphErrorClass.NeverRetry },
        { 132016, GraphErrorClass.NeverRetry },
        { 130472, GraphErrorClass.NeverRetry },
        { 131021, GraphErrorClass.NeverRetry },
        { 133010, GraphErrorClass.StopSending },
    };

    [Theory]
    [MemberData(nameof(ReferenceTable))]
    public void Reference_code_is_classified_as_the_table_says(int code, GraphErrorClass expected) =>
        Assert.Equal(expected, GraphErrorClassifier.Classify(code, HttpStatusCode.BadRequest));

    [Fact]
    public void Every_explicitly_known_code_is_covered_by_the_reference_table()
    {
        var tested = ReferenceTable.Select(row => (int)row[0]).ToHashSet();
        var untested = GraphErrorClassifier.KnownCodes.Except(tested).ToList();
        Assert.True(untested.Count == 0, $"Codes without a reference row: {string.Join(", ", untested)}");
    }

    [Theory]
    [InlineData(132999, HttpStatusCode.InternalServerError, GraphErrorClass.NeverRetry)]
    [InlineData(999999, HttpStatusCode.BadRequest, GraphErrorClass.NeverRetry)]
    [InlineData(999999, null, GraphErrorClass.NeverRetry)]
    [InlineData(999999, HttpStatusCode.TooManyRequests, GraphErrorClass.RetryWithBackoff)]
    [InlineData(999999, HttpStatusCode.ServiceUnavailable, GraphErrorClass.RetryWithBackoff)]
    public void Unlisted_code_is_retried_only_when_the_HTTP_status_says_transient(int code, HttpStatusCode? status, GraphErrorClass expected) =>
        Assert.Equal(expected, GraphErrorClassifier.Classify(code, status));

    [Theory]
    [InlineData(0, true, true)]
    [InlineData(190, true, true)]
    [InlineData(131031, true, false)]
    [InlineData(131042, true, false)]
    [InlineData(368, true, false)]
    [InlineData(131048, false, false)]
    [InlineData(10, false, false)]
    [InlineData(130429, false, false)]
    [InlineData(131049, false, false)]
    public void Token_account_billing_and_policy_codes_pause_the_whole_number(int code, bool pausesNumber, bool tokenError)
    {
        Assert.Equal(pausesNumber, GraphErrorClassifier.PausesNumber(code));
        Assert.Equal(tokenError, GraphErrorClassifier.IsTokenError(code));
    }

    [Fact]
    public void The_per_user_marketing_cap_is_never_retried_within_a_send() =>
        Assert.Null(GraphRetryAdvice.DelayBeforeRetry(
            new GraphError(131049, "Not delivered to maintain healthy ecosystem engagement", null, GraphErrorClassifier.Classify(131049, HttpStatusCode.BadRequest)), 1));
}
