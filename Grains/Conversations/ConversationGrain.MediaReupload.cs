using Microsoft.Extensions.DependencyInjection;
using WaApp.Grains.Abstractions.Events;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Media;
using WaApp.Grains.Outbound;

namespace WaApp.Grains.Conversations;

/// <summary>
/// A media message sent by the id of an upload whose copy at Meta has expired (uploads live 30 days): Meta refuses
/// it with 131053. The kept copy in the bucket is uploaded again and the message sent once more by the new id,
/// recorded as <see cref="MessageMediaReuploaded"/>. Once per message: a second refusal is recorded as a failure.
/// </summary>
public sealed partial class ConversationGrain
{
    /// <summary>Meta's answer to a media message whose id it does not hold (never uploaded, deleted or expired).</summary>
    private const int MediaErrorCode = 131053;

    /// <summary>True when the message was queued again with a new media id (its outcome is then not recorded yet).</summary>
    private async Task<bool> TryReuploadMediaAsync(OutboundSend send, SendFailed refused)
    {
        if (refused.Code != MediaErrorCode
            || OutboundMediaIds.MediaIdOf(send.Content) is not { } expiredMediaId
            || !State.Outbox.TryGetValue(send.SendId, out var record)
            || record.MediaReuploaded
            || record.Outcome != OutboundRecord.Queued
            || ServiceProvider.GetService<IMediaReuploader>() is not { } reuploader)
        {
            return false;
        }

        MediaReupload reupload;
        try
        {
            reupload = await reuploader.ReuploadAsync(Key.PhoneNumberId, expiredMediaId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The bucket or Meta failed: the refusal stands and is recorded as it came.
            ConversationLog.MediaReuploadFailed(logger, Key.PhoneNumberId, exception.GetType().Name);
            return false;
        }

        if (reupload is not MediaReupload.Uploaded uploaded)
        {
            ConversationLog.MediaReuploadFailed(logger, Key.PhoneNumberId, ((MediaReupload.NotUploaded)reupload).Reason);
            return false;
        }

        Raise(new MessageMediaReuploaded(send.SendId, expiredMediaId, uploaded.MediaId, refused.Code, refused.Details));
        try
        {
            await ConfirmEvents();
        }
        catch (Exception)
        {
            // Not stored: sending again now could not be recorded either; the refusal is recorded instead.
            return false;
        }

        Dispatch(send.SendId);
        return true;
    }
}
