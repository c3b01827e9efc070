using System.Text.Json.Serialization;
using WaApp.EventSourcing.Grains;

namespace WaApp.DynamoDB.Tests.EventStore;

public abstract record AccountEvent;

[GenerateSerializer, Immutable, Alias("test.account.deposited")]
public sealed record Deposited(int Amount) : AccountEvent;

[GenerateSerializer, Immutable, Alias("test.account.note-added")]
public sealed record NoteAdded(NoteContent Content) : AccountEvent;

/// <summary>A polymorphic member inside an event, as message content is in the real events.</summary>
[GenerateSerializer]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TextNote), "text")]
[JsonDerivedType(typeof(LinkNote), "link")]
public abstract record NoteContent;

[GenerateSerializer]
public sealed record TextNote(string Body) : NoteContent;

[GenerateSerializer]
public sealed record LinkNote(Uri Url, string Caption) : NoteContent;

[GenerateSerializer]
public sealed class AccountState : IEventSourcedState<AccountEvent>
{
    [Id(0)]
    public int Balance { get; set; }

    [Id(1)]
    public int Deposits { get; set; }

    [Id(2)]
    public List<int> LastAmounts { get; set; } = [];

    [Id(3)]
    public List<NoteContent> Notes { get; set; } = [];

    public void Apply(AccountEvent @event)
    {
        switch (@event)
        {
            case Deposited deposited:
                Balance += deposited.Amount;
                Deposits++;
                LastAmounts.Add(deposited.Amount);
                if (LastAmounts.Count > 3)
                {
                    LastAmounts.RemoveAt(0);
                }

                break;
            case NoteAdded note:
                Notes.Add(note.Content);
                break;
        }
    }
}
