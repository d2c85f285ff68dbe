namespace FinOps.Domain.Demo;

/// <summary>
/// Deterministic randomness for the demo data. <see cref="Hash(ulong, ulong, ulong, ulong)"/> gives a value that depends
/// only on its inputs (so the cost of one series on one day never depends on what else was generated), and the
/// sequential generator is used once, to build the resource catalogue from the seed.
/// </summary>
internal struct DemoRandom(ulong seed)
{
    private ulong state = seed;

    /// <summary>SplitMix64 finaliser: a well-mixed 64-bit value.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Hash(ulong a, ulong b, ulong c = 0, ulong d = 0)
    {
        var h = Mix(a + 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ (b + 0x632BE59BD9B4E019UL));
        h = Mix(h ^ (c + 0x8CB92BA72F3D8DD7UL));
        return Mix(h ^ (d + 0xD6E8FEB86659FD93UL));
    }

    /// <summary>A uniform double in [0, 1) from a hash.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    public static double Unit(ulong a, ulong b, ulong c = 0, ulong d = 0) => Unit(Hash(a, b, c, d));

    /// <summary>Noise centred on 1 with roughly the given relative spread (a sum of two uniforms, so no long tails).</summary>
    public static double Noise(double spread, ulong a, ulong b, ulong c = 0, ulong d = 0)
    {
        var h = Hash(a, b, c, d);
        var u1 = Unit(h);
        var u2 = Unit(Mix(h));
        return 1.0 + (u1 + u2 - 1.0) * spread;
    }

    public ulong NextUInt64()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    public double NextDouble() => Unit(NextUInt64());

    /// <summary>An integer in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive) =>
        minInclusive + (int)(NextUInt64() % (ulong)(maxExclusive - minInclusive));

    public double Between(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Log-uniform between min and max: most values small, a few large (like real resource sizes).</summary>
    public double LogBetween(double min, double max) => Math.Exp(Between(Math.Log(min), Math.Log(max)));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    public string Hex(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "0123456789abcdef"[(int)(NextUInt64() & 15)];
        }

        return new string(chars);
    }

    public string Upper(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[(int)(NextUInt64() % 34)];
        }

        return new string(chars);
    }

    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
