using Microsoft.Extensions.Options;
using WaApp.Grains.Abstractions;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Contacts;
using WaApp.Grains.Abstractions.Conversations;
using WaApp.WebGateway.Metrics;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WebGateway.Webhooks;

/// <summary>
/// Sends each conversation's updates to its grain and each account's notices to its business account grain, all in
/// parallel, and reports whether every one was durably stored within the acknowledge timeout. Contact facts go
/// one-way and never hold up the answer.
/// </summary>
public sealed class WebhookDispatcher(
    IGrainFactory grains, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger, WebhookMetrics metrics, BusinessMetadataRelay metadata)
{
    /// <summary>True when every durable update is stored; false when storage or the cluster failed or was too slow.</summary>
    public async Task<bool> DispatchAsync(WebhookDeliveryPlan plan, CancellationToken cancellationToken)
    {
        NotifyContacts(plan.Contacts);
        NotifyBusinesses(plan.Businesses);
        if (plan.Conversations.Count == 0 && plan.BusinessAccounts.Count == 0)
        {
            return true;
        }

        // Arrays and loops rather than LINQ: this runs for every webhook.
        var ingests = new Task<IngestResult>[plan.Conversations.Count];
        for (var i = 0; i < ingests.Length; i++)
        {
            var batch = plan.Conversations[i];
            ingests[i] = grains.GetGrainByKey<IConversationGrain>(batch.Key.ToString()).IngestAsync(batch.Updates);
        }

        var conversations = Task.WhenAll(ingests);
        var writes = new Task[plan.BusinessAccounts.Count + 1];
        writes[0] = conversations;
        for (var i = 1; i < writes.Length; i++)
        {
            var batch = plan.BusinessAccounts[i - 1];
            writes[i] = grains.GetGrainByKey<IBusinessAccountGrain>(batch.BusinessAccountId).RecordAsync(batch.Notices);
        }

        var all = writes.Length == 1 ? conversations : Task.WhenAll(writes);
        try
        {
            await all.WaitAsync(options.Value.AcknowledgeTimeout, cancellationToken);
            metrics.Ingested(plan.Conversations, await conversations);
            return true;
        }
        catch (TimeoutException)
        {
            WebhookLog.StorageTooSlow(logger, writes.Length, options.Value.AcknowledgeTimeout);
            Observe(all);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WebhookLog.DispatchFailed(logger, writes.Length, exception);
            return false;
        }
    }

    private void NotifyContacts(IReadOnlyList<ContactBatch> contacts)
    {
        // Index loops: interface foreach would allocate an enumerator per webhook.
        for (var b = 0; b < contacts.Count; b++)
        {
            var batch = contacts[b];
            // The conversation tells the contact about names and new conversations itself, only when they change;
            // the gateway adds what no conversation carries, so contacts are not activated per message. Most
            // webhooks carry none of it: the grain reference is made only for one that does.
            IContactGrain? contact = null;
            for (var o = 0; o < batch.Observations.Count; o++)
            {
                var observation = batch.Observations[o];
                if (observation.IdentityChange is null && observation.Username is null && observation.UserId is null && observation.SavedName is null)
                {
                    continue;
                }

                contact ??= grains.GetGrainByKey<IContactGrain>(batch.ContactId);

                // One-way: the call returns at once; a lost observation is repaired by the next webhook about the user.
                Observe(contact.ObserveAsync(observation));
            }
        }
    }

    private void NotifyBusinesses(IReadOnlyList<BusinessMetadataBatch> businesses)
    {
        foreach (var business in businesses)
        {
            // One-way: the business keeps it in memory and writes it with its next flush, only if it changed. Sent
            // when it differs from what this gateway last told the grain (or a while ago), not once per webhook.
            if (metadata.ShouldSend(business.PhoneNumberId, business.Metadata))
            {
                Observe(grains.GetGrainByKey<IBusinessGrain>(business.PhoneNumberId).ObserveMetadataAsync(business.Metadata));
            }
        }
    }

    // Calls that go on after we answered must not surface as unobserved exceptions.
    private static void Observe(Task task) => task.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
}
