package io.promptcms.importexport.imports;

import io.promptcms.common.Page;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import jobs store in memory, for unit tests of the pipeline's crash and resume logic: the same conditions as
 * the DynamoDB store, each checked and applied under one lock. {@link #crashOnSave} makes a holder's save throw, as a
 * process that dies mid-import would leave it.
 */
final class InMemoryImportJobStore implements ImportJobStore {

    private final Map<String, ImportJob> jobs = new HashMap<>();
    private int holderSaves;
    private int crashingSave;

    /** The {@code nth} save by a lease holder (counting from 1) throws instead of writing. */
    synchronized void crashOnSave(int nth) {
        holderSaves = 0;
        crashingSave = nth;
    }

    @Override
    public synchronized boolean createIfAbsent(ImportJob job) {
        return jobs.putIfAbsent(job.jobId(), job) == null;
    }

    @Override
    public synchronized Optional<ImportJob> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public synchronized Optional<ImportJob> acquireLease(String jobId, String owner, long now, long until) {
        ImportJob current = jobs.get(jobId);
        if (current == null || !current.status().leaseableAt(now)) {
            return Optional.empty();
        }
        ImportJob leased = current.leasedTo(owner, until);
        jobs.put(jobId, leased);
        return Optional.of(leased);
    }

    @Override
    public synchronized boolean saveAsHolder(ImportJob job) {
        if (++holderSaves == crashingSave) {
            throw new IllegalStateException("the process died while saving save #" + holderSaves);
        }
        ImportJob current = jobs.get(job.jobId());
        if (current == null || current.status().lease() == null || !current.status().lease().owner().equals(job.status().lease().owner())) {
            return false;
        }
        jobs.put(job.jobId(), job);
        return true;
    }

    @Override
    public synchronized void put(ImportJob job) {
        jobs.put(job.jobId(), job);
    }

    @Override
    public synchronized boolean claim(ImportJob claimed) {
        ImportJob current = jobs.get(claimed.jobId());
        if (current != null && current.source().isClaimed()) {
            return false;
        }
        jobs.put(claimed.jobId(), claimed);
        return true;
    }

    /** Newest first; the cursor is the last job's sort key. */
    @Override
    public synchronized Page<ImportJob> list(String ownerId, int limit, String cursor) {
        List<ImportJob> mine = jobs.values().stream().filter(job -> job.ownerId().equals(ownerId))
                .filter(job -> cursor == null || sortKey(job).compareTo(cursor) < 0)
                .sorted(Comparator.comparing(InMemoryImportJobStore::sortKey).reversed()).toList();
        List<ImportJob> page = mine.subList(0, Math.min(limit, mine.size()));
        return new Page<>(page, mine.size() > limit ? sortKey(page.get(page.size() - 1)) : null);
    }

    private static String sortKey(ImportJob job) {
        return job.status().createdAt() + "#" + job.jobId();
    }
}
