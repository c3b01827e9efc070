namespace WaApp.TestInfrastructure;

/// <summary>
/// The trait scripts/run_tests.sh splits the suite by: tests that start real processes (silos, gateways, the
/// simulator, a browser, start_dev.sh) are <see cref="Serial"/> and run after the others, one test project at a
/// time, so their timeouts never compete with another project's load.
/// </summary>
public static class TestCategory
{
    public const string Name = "Category";

    public const string Serial = "Serial";
}
