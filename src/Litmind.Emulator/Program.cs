// Stand-alone emulator for manual use and non-.NET tests:
//   dotnet run --project src/Litmind.Emulator -- --urls http://127.0.0.1:5080
using Litmind.Emulator;

var state = new EmulatorState(new EmulatorOptions());
var app = EmulatorApp.Build(state, args, embedded: false);
await app.StartAsync();
Banner.Print(app.Urls, state);
await app.WaitForShutdownAsync();
