// A local stand-in for Meta's Cloud API: see README.md for endpoints and settings.
WaApp.CloudApiSimulator.SimulatorApp.Build(args).Run();
