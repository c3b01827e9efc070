using WaApp.TestInfrastructure;

// Most tests here run against a LocalCluster (silo and gateway processes): scripts/run_tests.sh runs them in its
// serial step, the few in-process ones with them.
[assembly: AssemblyTrait(TestCategory.Name, TestCategory.Serial)]
