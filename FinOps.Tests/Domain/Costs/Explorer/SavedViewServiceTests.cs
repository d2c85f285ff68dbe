using FinOps.Domain.Costs.Explorer;
using FinOps.Tests.Support;

namespace FinOps.Tests.Domain.Costs.Explorer;

public sealed class SavedViewServiceTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private SavedViewService Views => _store.Get<SavedViewService>();

    [Fact]
    public async Task Save_ListsOnlyTheOwnersViews_ByName_AndTheSameNameReplacesTheQuery()
    {
        await Views.SaveAsync("alice", "  Compute by week ", "?preset=last-90-days&groupBy=ServiceName", CancellationToken.None);
        await Views.SaveAsync("alice", "By account", "preset=this-month&groupBy=BillingAccountId", CancellationToken.None);
        await Views.SaveAsync("bob", "Mine", "preset=this-month", CancellationToken.None);

        var replaced = await Views.SaveAsync("alice", "COMPUTE BY WEEK", "preset=last-30-days&groupBy=ServiceName", CancellationToken.None);
        var alice = await Views.ListAsync("alice", CancellationToken.None);

        Assert.Equal(["By account", "COMPUTE BY WEEK"], alice.Select(v => v.Name));
        Assert.Equal("preset=last-30-days&groupBy=ServiceName", alice[1].Query);
        Assert.Equal("/explorer?preset=last-30-days&groupBy=ServiceName", replaced.Url);
        Assert.Equal(_store.Time.GetUtcNow(), alice[1].CreatedAt);
        Assert.Single(await Views.ListAsync("bob", CancellationToken.None));
    }

    [Fact]
    public async Task Delete_RemovesOnlyTheOwnersView()
    {
        var view = await Views.SaveAsync("alice", "Keep me", "preset=this-month", CancellationToken.None);

        Assert.False(await Views.DeleteAsync("bob", view.Id, CancellationToken.None));
        Assert.Single(await Views.ListAsync("alice", CancellationToken.None));
        Assert.True(await Views.DeleteAsync("alice", view.Id, CancellationToken.None));
        Assert.Empty(await Views.ListAsync("alice", CancellationToken.None));
    }

    [Theory]
    [InlineData("", "Give the view a name.")]
    [InlineData("   ", "Give the view a name.")]
    public async Task Save_WithoutAName_IsRefused_AndNothingIsSaved(string name, string message)
    {
        var error = await Assert.ThrowsAsync<SavedViewException>(() => Views.SaveAsync("alice", name, "preset=this-month", CancellationToken.None));

        Assert.Equal(message, error.Message);
        Assert.Empty(await Views.ListAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task Save_TooLongANameOrLink_IsRefusedWithTheLengths()
    {
        var longName = await Assert.ThrowsAsync<SavedViewException>(() => Views.SaveAsync("alice", new string('n', 101), "preset=this-month", CancellationToken.None));
        var longQuery = await Assert.ThrowsAsync<SavedViewException>(() => Views.SaveAsync("alice", "Huge", new string('q', 4001), CancellationToken.None));

        Assert.Contains("101", longName.Message);
        Assert.Contains("4001", longQuery.Message);
        Assert.Empty(await Views.ListAsync("alice", CancellationToken.None));
    }
}
