package com.example.stock.shared;

import org.axonframework.common.transaction.TransactionManager;

/**
 * The transactions of work that writes only read models: a read model's processor, a rebuild. Their commits are
 * not each stored before they return but left to the writer that stores the file within 100 ms (see
 * {@link DurableCommits}). A crash can take the last of them back, and the position committed with them says what
 * to handle again; a rebuild cut short is started anew.
 */
public final class ReadModelTransactions {

    private ReadModelTransactions() {
    }

    public static TransactionManager of(TransactionManager transactions) {
        return DurableCommits.forReadModels(transactions);
    }
}
