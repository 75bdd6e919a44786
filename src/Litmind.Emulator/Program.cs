// Stand-alone emulator for manual use and non-.NET tests:
//   dotnet run --project src/Litmind.Emulator -- --urls http://127.0.0.1:5080
// LivePerson's service domain listens on the next port (5081), or on one the system picks.
using Litmind.Emulator;

var state = new EmulatorState(new EmulatorOptions());
var app = EmulatorApp.Build(state, args, embedded: false);
await app.StartAsync();
await using var livePersonDomain = await EmulatorApp.StartLivePersonDomainAsync(state, EmulatorApp.DomainPortFor(app));
Banner.Print(app.Urls, state);
await app.WaitForShutdownAsync();
await livePersonDomain.StopAsync();
