using System.Security.Cryptography;
using System.Text;

namespace FinOps.Domain.Administration;

/// <summary>Long random tokens (shown once) and the SHA-256 hashes that are stored instead of them.</summary>
public static class SecretTokens
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>A new token: the prefix plus 40 random characters (about 233 bits).</summary>
    public static string Create(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 40);

    /// <summary>SHA-256 of the token text, lower-case hex.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares two secrets in constant time.</summary>
    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
