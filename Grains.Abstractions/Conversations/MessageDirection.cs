namespace WaApp.Grains.Abstractions.Conversations;

[GenerateSerializer, Alias("waapp.MessageDirection")]
public enum MessageDirection
{
    Inbound = 0,
    Outbound = 1,
}
