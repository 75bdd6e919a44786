using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using Litmind.PowerShell.Paging;

namespace Litmind.PowerShell.Cmdlets
{
    /// <summary>
    /// The progress of a listing (-All): page n of m when the answer states the total, else page n,
    /// one record per page. Shown only where someone watches a console: runbooks, jobs, hosted
    /// runspaces and redirected output get none (each record costs them and shows nobody).
    /// </summary>
    internal sealed class ListingProgress
    {
        // One id, so each page updates the same bar.
        private const int ActivityId = 0x4C4C52;

        private readonly ProgressRecord record;
        private long written;

        internal ListingProgress(string path)
        {
            record = new ProgressRecord(ActivityId, Messages.ListingProgress(path), " ");
        }

        /// <summary>A progress for the listing of <paramref name="path"/>, or null when nobody would see it.</summary>
        public static ListingProgress For(PSHost host, string path) =>
            host?.UI?.RawUI != null && Environment.UserInteractive && !Console.IsOutputRedirected ? new ListingProgress(path) : null;

        /// <summary>The record after a page of <paramref name="items"/> items.</summary>
        public ProgressRecord Page(Listing listing, int items)
        {
            written += items;
            record.StatusDescription = Messages.ListingPage(listing.PagesRead, listing.PageCount, written);
            record.PercentComplete = listing.Total > 0 ? (int)Math.Min(100, written * 100 / listing.Total.Value) : -1;
            return record;
        }

        /// <summary>The record that removes the bar.</summary>
        public ProgressRecord Completed()
        {
            record.RecordType = ProgressRecordType.Completed;
            return record;
        }
    }
}
