using WaApp.Grains.Abstractions.Conversations;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Media;
using WaApp.Grains.Conversations;
using WaApp.Grains.Conversations.Views;

namespace WaApp.Grains.Tests.Conversations;

/// <summary>A customer's file is pending with its message, then stored or failed; agents see it in the message view.</summary>
public sealed class ConversationMediaStateTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795419480);

    [Fact]
    public void An_image_message_is_pending_then_stored_with_what_the_bucket_holds()
    {
        var state = new ConversationState();
        state.Apply(Image("wamid.1", "1037543291543636"));

        Assert.Equal(MediaStatus.Pending, View(state, "wamid.1").Status);

        state.Apply(new MediaStored("wamid.1", "1037543291543636", "image/jpeg", 48213, "c2hhMjU2"));

        var media = View(state, "wamid.1");
        Assert.Equal(MediaStatus.Stored, media.Status);
        Assert.Equal(48213, media.Size);
        Assert.Equal("the broken parcel", media.Caption);
        Assert.Null(media.Error);
    }

    [Fact]
    public void A_failure_keeps_its_reason_and_a_retry_makes_it_pending_again()
    {
        var state = new ConversationState();
        state.Apply(Image("wamid.2", "2037543291543636"));

        state.Apply(new MediaFailed("wamid.2", "2037543291543636", "sha256 mismatch"));
        Assert.Equal(("failed", "sha256 mismatch"), (View(state, "wamid.2").Status, View(state, "wamid.2").Error));

        state.Apply(new MediaRetried("wamid.2", "agent-1"));
        Assert.Equal(MediaStatus.Pending, View(state, "wamid.2").Status);
        Assert.Null(View(state, "wamid.2").Error);
    }

    [Fact]
    public void A_text_message_has_no_media()
    {
        var state = new ConversationState();
        state.Apply(new MessageReceived(new InboundMessage("wamid.3", "15551234567", null, T0, "text", "hi", "Ana", "{}", new MessageContent { Text = "hi" })));

        Assert.Null(MessageViewBuilder.Build(state, state.Find("wamid.3")!).Media);
    }

    [Fact]
    public void A_file_whose_webhook_named_an_impossible_id_is_failed_and_a_retry_leaves_it_failed()
    {
        var state = new ConversationState();
        state.Apply(new MessageReceived(new InboundMessage(
            "wamid.4", "15551234567", null, T0, "document", null, "Ana", "{}",
            new MessageContent { Media = new MediaAttachment("document", null, "application/pdf", "c2hhMjU2", null, null, "invoice.pdf", null, null) { InvalidMediaId = true } })));

        state.Apply(new MediaRetried("wamid.4", "agent-1"));

        var media = View(state, "wamid.4");
        Assert.Equal(MediaStatus.Failed, media.Status);
        Assert.Contains("invalid media id", media.Error, StringComparison.Ordinal);
        Assert.Equal("invoice.pdf", media.Filename);
    }

    [Fact]
    public void A_file_in_an_echo_or_history_message_of_the_business_app_is_fetched_too()
    {
        var state = new ConversationState();
        var echo = new ImportedMessage(
            "wamid.5", MessageDirection.Outbound, ImportedMessage.BusinessApp, T0, "image", "catalogue",
            new MessageContent { Media = new MediaAttachment("image", "5037543291543636", "image/jpeg", "c2hhMjU2", null, "catalogue", null, null, null) },
            "sent", "{}");

        state.Apply(new MessageImported(echo));
        Assert.Equal(MediaStatus.Pending, View(state, "wamid.5").Status);

        state.Apply(new MediaStored("wamid.5", "5037543291543636", "image/jpeg", 1024, "c2hhMjU2"));
        Assert.Equal(MediaStatus.Stored, View(state, "wamid.5").Status);
    }

    private static MessageMedia View(ConversationState state, string wamid) => MessageViewBuilder.Build(state, state.Find(wamid)!).Media!;

    private static MessageReceived Image(string wamid, string mediaId) => new(new InboundMessage(
        wamid, "15551234567", null, T0, "image", null, "Ana", "{}",
        new MessageContent { Media = new MediaAttachment("image", mediaId, "image/jpeg", "c2hhMjU2", null, "the broken parcel", null, null, null) }));
}
