package io.dynoj.leveldb;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.storage.OrderedStore;
import io.dynoj.core.storage.StoreContext;
import io.dynoj.core.storage.StoreProvider;

/**
 * Datastore type {@code leveldb}: a {@link LevelDbStore} in {@code <data_dir>/leveldb}, with the
 * options of the {@code leveldb:} section ({@link LevelDbOptions}).
 */
@AutoService(StoreProvider.class)
public final class LevelDbStoreProvider implements StoreProvider {

    public static final String TYPE = "leveldb";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(ConfigSection options) {
        LevelDbOptions.parse(options);
    }

    @Override
    public OrderedStore open(StoreContext context) {
        LevelDbOptions options = LevelDbOptions.parse(context.options());
        return LevelDbStore.open(context.dataDir().resolve(TYPE), options);
    }
}
