using System.Globalization;
using Litmind.Emulator.Api;
using Litmind.Emulator.ApiKeyOnly;
using Litmind.Emulator.Controls;
using Litmind.Emulator.Cookie;
using Litmind.Emulator.Devise;
using Litmind.Emulator.Hypernative;
using Litmind.Emulator.JsonApi;
using Litmind.Emulator.LivePerson;
using Litmind.Emulator.OAuth;
using Litmind.Emulator.RailsToken;
using Litmind.Emulator.Services;

namespace Litmind.Emulator;

/// <summary>Builds the emulator's web applications; shared by <c>Program</c> and <see cref="LitmindEmulator.StartAsync"/>.</summary>
/// <remarks>
/// Two applications share one <see cref="EmulatorState"/>: the main one (Litmind, the other
/// services under their roots, the controls) and LivePerson's service domain on a port of its
/// own, because a real LivePerson domain is another origin (other host, other cookies) and serves
/// its API at the root.
/// </remarks>
internal static class EmulatorApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Where an embedded instance, or one on an ephemeral main port, listens: loopback, a port the system picks.</summary>
    private const string EphemeralUrl = "http://127.0.0.1:0";

    /// <param name="args">Command-line arguments (e.g. <c>--urls</c>); empty when embedded.</param>
    /// <param name="embedded">
    /// True inside a test process: bind an ephemeral loopback port, log nothing, and leave
    /// Ctrl+C / SIGTERM to the host process.
    /// </param>
    public static WebApplication Build(EmulatorState state, string[] args, bool embedded)
    {
        var builder = CreateBuilder(args, embedded);
        if (embedded)
        {
            builder.WebHost.UseUrls(EphemeralUrl);
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Endpoint defaults apply to every endpoint, including those from --urls, so the
            // connection counter works however the emulator is started.
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
            {
                state.CountConnection();
                return next(connection);
            }));
        });
        builder.Services.AddSingleton(state);

        var app = builder.Build();
        UseRequestId(app);
        app.UseRouting();

        IReadOnlyList<EmulatedService> services =
        [
            new LitmindApi(state),
            new LivePersonService(state.LivePerson, () => state.LivePersonDomainUri),
            new RailsTokenService(state.RailsToken),
            new HypernativeService(state.Hypernative),
            new OAuthService(state.OAuth),
            new DeviseService(state.Devise),
            new ApiKeyService(state.ApiKeyService),
            new CookieService(state.Cookie),
            new JsonApiService(state.JsonApi),
        ];
        app.UseMiddleware<ServiceGateMiddleware>(services);
        foreach (var service in services)
        {
            service.Map(app);
        }

        ControlEndpoints.Map(app, state);
        return app;
    }

    /// <summary>
    /// Starts LivePerson's service domain on <c>127.0.0.1:<paramref name="port"/></c> (0: a port the
    /// system picks) and records its origin in <see cref="EmulatorState.LivePersonDomainUri"/>.
    /// When the port asked for is taken, it takes one the system picks: the banner says which.
    /// </summary>
    public static async Task<WebApplication> StartLivePersonDomainAsync(EmulatorState state, int port)
    {
        var app = BuildLivePersonDomain(state, port);
        try
        {
            await app.StartAsync();
        }
        catch (IOException) when (port != 0)
        {
            await app.DisposeAsync();
            return await StartLivePersonDomainAsync(state, 0);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        state.LivePersonDomainUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return app;
    }

    /// <summary>
    /// The port the stand-alone service domain asks for: the main port + 1 when the main port is
    /// fixed (5080 gives 5081), else 0, so a fixed main port gives a domain port one can write down.
    /// </summary>
    public static int DomainPortFor(WebApplication main)
    {
        var urls = main.Configuration[WebHostDefaults.ServerUrlsKey];
        var first = (string.IsNullOrWhiteSpace(urls) ? DefaultUrl : urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        try
        {
            var port = BindingAddress.Parse(first).Port;
            return port is > 0 and < 65535 ? port + 1 : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    /// <remarks>
    /// Built as embedded (no logging, no console signals) however the emulator runs: the main
    /// application owns Ctrl+C, and a taken port, which is retried, must not print before the banner.
    /// </remarks>
    private static WebApplication BuildLivePersonDomain(EmulatorState state, int port)
    {
        // No command-line arguments: --urls names the main port, never this one. Loopback only.
        var builder = CreateBuilder([], embedded: true);
        builder.WebHost.UseUrls("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        var app = builder.Build();
        UseRequestId(app);
        app.UseRouting();

        EmulatedService domain = new LivePersonDomainService(state.LivePerson);
        app.UseMiddleware<ServiceGateMiddleware>((IReadOnlyList<EmulatedService>)[domain]);
        domain.Map(app);
        return app;
    }

    /// <param name="embedded">True for an application that logs nothing and leaves Ctrl+C / SIGTERM to its host.</param>
    private static WebApplicationBuilder CreateBuilder(string[] args, bool embedded)
    {
        // The slim builder skips HTTPS, static assets and most configuration: tests start many
        // instances, so start-up time matters. The content root is the app folder so a stray
        // appsettings.json in the caller's working directory cannot change behaviour.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(EmulatorApp).Assembly.GetName().Name,
        });

        builder.Logging.ClearProviders();
        if (embedded)
        {
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        }

        // Hanging fault requests end on shutdown anyway; this bounds anything else.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    private static void UseRequestId(WebApplication app) => app.Use((context, next) =>
    {
        context.Response.Headers[ApiHeaders.RequestId] = Guid.NewGuid().ToString();
        return next(context);
    });

    /// <summary>A host lifetime that ignores console signals: the test process (or the main application) owns those.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
