namespace WaApp.Grains.Abstractions.Conversations;

/// <summary>A change of a customer's consent towards one business number. Stored in events: never renumber.</summary>
[GenerateSerializer, Alias("waapp.ConsentChange")]
public enum ConsentChange
{
    /// <summary>The customer sent STOP (or a variant): no business-initiated messages.</summary>
    OptOut = 0,

    /// <summary>The customer sent START after opting out.</summary>
    OptIn = 1,

    /// <summary>Meta's <c>user_preferences</c> marketing stop: no marketing templates.</summary>
    StopMarketing = 2,

    /// <summary>Meta's <c>user_preferences</c> marketing resume.</summary>
    ResumeMarketing = 3,
}
