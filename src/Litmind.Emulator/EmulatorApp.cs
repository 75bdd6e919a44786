using Litmind.Emulator.Api;
using Litmind.Emulator.Controls;

namespace Litmind.Emulator;

/// <summary>Builds the emulator's web application; shared by <c>Program</c> and <see cref="LitmindEmulator.StartAsync"/>.</summary>
internal static class EmulatorApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <param name="args">Command-line arguments (e.g. <c>--urls</c>); empty when embedded.</param>
    /// <param name="embedded">
    /// True inside a test process: bind an ephemeral loopback port, log nothing, and leave
    /// Ctrl+C / SIGTERM to the host process.
    /// </param>
    public static WebApplication Build(EmulatorState state, string[] args, bool embedded)
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
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            {
                builder.WebHost.UseUrls(DefaultUrl);
            }
        }

        // Hanging fault requests end on shutdown anyway; this bounds anything else.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

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
        app.Use((context, next) =>
        {
            context.Response.Headers[ApiHeaders.RequestId] = Guid.NewGuid().ToString();
            return next(context);
        });
        app.UseRouting();
        app.UseMiddleware<ApiGateMiddleware>();

        LoginEndpoints.Map(app);
        var api = app.MapGroup(ApiPaths.Prefix).WithMetadata(RequiresSession.Instance);
        SessionEndpoints.Map(api);
        NotificationEndpoints.Map(api);
        CastingEndpoints.Map(api);
        ModelEndpoints.Map(api);
        SyntheticListEndpoints.Map(api);
        ControlEndpoints.Map(app);
        return app;
    }

    /// <summary>A host lifetime that ignores console signals: the test process owns those.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
