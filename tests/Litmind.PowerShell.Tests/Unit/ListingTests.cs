using System.Collections.Concurrent;
using System.Net;
using Litmind.PowerShell.Http;
using Litmind.PowerShell.Paging;
using Litmind.PowerShell.Services.Definitions;
using Newtonsoft.Json.Linq;

namespace Litmind.PowerShell.Tests.Unit;

/// <summary>
/// The listing's rules that no server can show: which pages it asks for, and when. A server sees
/// a page fetched ahead only if the request got out before the listing stopped, so whether the
/// listing asked for one beyond -First is read here, from the calls it makes.
/// </summary>
public sealed class ListingTests
{
    private static readonly PagingDefinition NumberedPages = new() { Style = PagingStyle.Page, Items = "items", Total = new AnswerValue(CaptureSource.Body, "totalCount"), SizeParameter = "pageSize", PageSize = 10 };

    /// <summary>Answers page n of a 95-item list of numbers, 10 to a page, and records the pages asked for.</summary>
    private sealed class FakeList
    {
        public ConcurrentQueue<int> Asked { get; } = new();

        public Task<ApiResult> Send(ApiRequest request, IOperationLog log, CancellationToken token)
        {
            int page = int.Parse(request.Query.Single(pair => pair.Key == "page").Value);
            Asked.Enqueue(page);
            var items = Enumerable.Range((page - 1) * 10 + 1, Math.Max(0, Math.Min(10, 95 - (page - 1) * 10))).Select(i => (object)(long)i).ToList();
            var message = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://api.test/items?page=" + page) };
            var sent = new SentResponse(message, new CancellationTokenSource(), new CancellationTokenSource(), 0, new CallBudget(TimeSpan.FromSeconds(10)));
            return Task.FromResult(new ApiResult(sent, null) { Page = new PageContent(items, new JObject { ["totalCount"] = 95 }, items.Count == 0 ? null : items[0].ToString()) });
        }
    }

    private static (List<object> Written, FakeList Server) List(ulong skip, ulong first)
    {
        var server = new FakeList();
        var pages = new PageRequests(NumberedPages, new ApiRequest(HttpMethod.Get, "items"), skip);
        var written = new List<object>();
        using (var listing = new Listing(server.Send, pages, skip, first, CancellationToken.None))
        {
            for (var items = listing.NextAsync(NullOperationLog.Instance, CancellationToken.None).GetAwaiter().GetResult(); items != null; items = listing.NextAsync(NullOperationLog.Instance, CancellationToken.None).GetAwaiter().GetResult())
            {
                written.AddRange(items);
            }
        }

        return (written, server);
    }

    [Fact]
    public void First_asks_for_no_page_beyond_the_items_it_needs()
    {
        var (written, server) = List(skip: 0, first: 25);

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (object)(long)i), written);
        Assert.Equal(new[] { 1, 2, 3 }, server.Asked.OrderBy(p => p));
    }

    [Fact]
    public void A_listing_that_reads_to_the_end_asks_for_each_page_once()
    {
        var (written, server) = List(skip: 0, first: ulong.MaxValue);

        Assert.Equal(95, written.Count);
        Assert.Equal(Enumerable.Range(1, 10), server.Asked.OrderBy(p => p));
    }

    [Fact]
    public void Skip_starts_at_the_page_it_falls_in_and_skips_the_rest_of_it_here()
    {
        var (written, server) = List(skip: 37, first: 5);

        Assert.Equal(Enumerable.Range(38, 5).Select(i => (object)(long)i), written);
        Assert.Equal(new[] { 4, 5 }, server.Asked.OrderBy(p => p));
    }

    [Fact]
    public async Task Progress_says_page_n_of_m_and_the_share_of_the_total_written()
    {
        var server = new FakeList();
        var pages = new PageRequests(NumberedPages, new ApiRequest(HttpMethod.Get, "items"), 0);
        using var listing = new Listing(server.Send, pages, 0, ulong.MaxValue, CancellationToken.None);
        var progress = new Litmind.PowerShell.Cmdlets.ListingProgress("items");

        var first = (await listing.NextAsync(NullOperationLog.Instance, CancellationToken.None))!;
        var record = progress.Page(listing, first.Count);

        Assert.Equal("Listing items", record.Activity);
        Assert.Equal("Page 1 of 10, 10 items", record.StatusDescription);
        Assert.Equal(10, record.PercentComplete);
        Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, progress.Completed().RecordType);
    }
}
