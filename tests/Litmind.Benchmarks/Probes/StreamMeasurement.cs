namespace Litmind.Benchmarks.Probes;

/// <summary>What reached the end of a measured pipeline: how many objects, the first one's arrival and the end.</summary>
public sealed record StreamMeasurement(long Count, TimeSpan? First, TimeSpan Total);
