using WaApp.TestInfrastructure;

// Every test here starts real processes: scripts/run_tests.sh runs them in its serial step.
[assembly: AssemblyTrait(TestCategory.Name, TestCategory.Serial)]
