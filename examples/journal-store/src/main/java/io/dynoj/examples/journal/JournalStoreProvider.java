package io.dynoj.examples.journal;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreContext;
import io.dynoj.core.storage.StoreProvider;
import java.util.List;

/**
 * Datastore type {@code journal}: a {@link JournalStore} in {@code <data_dir>/journal/journal.log}.
 * Registered with {@code @AutoService}: a jar holding this class in {@code plugins/journal/} makes
 * {@code datastore: journal} available to every node of the distribution.
 */
@AutoService(StoreProvider.class)
public final class JournalStoreProvider implements StoreProvider {

    @Override
    public String type() {
        return "journal";
    }

    /** The {@code journal:} section: {@code fsync: true|false} (default false). Nothing else. */
    @Override
    public void validate(ConfigSection options) {
        options.requireKnownKeys(List.of("fsync"));
        options.bool("fsync", false);
    }

    @Override
    public OrderedStore open(StoreContext context) {
        validate(context.options());
        boolean fsync = context.options().bool("fsync", false);
        return JournalStore.open(context.dataDir().resolve("journal").resolve("journal.log"), fsync);
    }
}
