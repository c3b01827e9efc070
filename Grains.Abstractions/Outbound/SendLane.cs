namespace WaApp.Grains.Abstractions.Outbound;

/// <summary>Which queue of a number's sender a message waits in; live conversations are served before bulk sends.</summary>
[GenerateSerializer, Alias("waapp.SendLane")]
public enum SendLane
{
    /// <summary>Replies in a conversation a person is waiting on (agents, auto-replies).</summary>
    Live = 0,

    /// <summary>Campaigns and other bulk sends: they get the throughput that live traffic leaves.</summary>
    Bulk = 1,
}
