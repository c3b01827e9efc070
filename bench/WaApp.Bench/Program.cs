using WaApp.Bench;

// bench/run.sh drives these commands; each prints its figures on standard output.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: WaApp.Bench generate|check|store-ceiling|memory|collect|allocations --option value ...");
    return 2;
}

try
{
    var options = new BenchArguments(args.Skip(1));
    return args[0] switch
    {
        "generate" => await BodyGenerator.RunAsync(options),
        "check" => await LossCheck.RunAsync(options),
        "store-ceiling" => await StoreCeiling.RunAsync(options),
        "memory" => await MemoryDriver.RunAsync(options),
        "collect" => await ActivationCollector.RunAsync(options),
        "allocations" => await AllocationProbe.RunAsync(options),
        _ => throw new ArgumentException($"Unknown command '{args[0]}'."),
    };
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 2;
}
