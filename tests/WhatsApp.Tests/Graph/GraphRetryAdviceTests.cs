using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Tests.Graph;

public sealed class GraphRetryAdviceTests
{
    [Theory]
    [InlineData(131056, 1, 1)]
    [InlineData(131056, 2, 4)]
    [InlineData(131056, 3, 16)]
    [InlineData(131057, 1, 60)]
    [InlineData(131057, 4, 60)]
    [InlineData(4, 1, 60)]
    [InlineData(80007, 2, 120)]
    [InlineData(131000, 3, 4)]
    [InlineData(130429, 2, 1)]
    public void Retryable_error_gets_the_reference_delay(int code, int attempt, double expectedSeconds)
    {
        var error = new GraphError(code, "t", null, GraphErrorClassifier.Classify(code));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), GraphRetryAdvice.DelayBeforeRetry(error, attempt));
    }

    [Fact]
    public void Delay_never_exceeds_the_cap() =>
        Assert.Equal(GraphRetryAdvice.MaxDelay, GraphRetryAdvice.DelayBeforeRetry(new GraphError(131056, "t", null, GraphErrorClass.RetryRecipientLater), 30));

    [Theory]
    [InlineData(131047)]
    [InlineData(100)]
    [InlineData(190)]
    public void Error_that_must_not_be_retried_gets_no_delay(int code) =>
        Assert.Null(GraphRetryAdvice.DelayBeforeRetry(new GraphError(code, "t", null, GraphErrorClassifier.Classify(code)), 1));
}
