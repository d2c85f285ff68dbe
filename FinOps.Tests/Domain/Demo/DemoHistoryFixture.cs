using FinOps.Domain.Demo;

namespace FinOps.Tests.Domain.Demo;

/// <summary>One small history (Scale 0.1, 13 months) written once and parsed for the tests that only read it.</summary>
public sealed class DemoHistoryFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 11, 17, 9, 30, 0, TimeSpan.Zero);
    public const int Seed = 20251117;
    public const double Scale = 0.1;

    public DemoHistoryFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "finops-demo-tests", Guid.NewGuid().ToString("N"));
        Generator = new DemoDataGenerator(new DemoDataOptions(Seed, Scale: Scale));
        Files = Generator.WriteHistory(Directory, Now);
        BillingFiles = Files.Where(f => f.Kind == DemoFileKind.Billing).ToList();
        Charges = BillingFiles.SelectMany(f => DemoCsv.ReadCharges(f.Path)).ToList();
    }

    public string Directory { get; }
    public DemoDataGenerator Generator { get; }
    public IReadOnlyList<DemoFile> Files { get; }
    public IReadOnlyList<DemoFile> BillingFiles { get; }
    internal List<Charge> Charges { get; }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
