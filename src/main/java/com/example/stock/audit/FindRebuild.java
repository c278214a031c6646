package com.example.stock.audit;

/** Asks for the latest rebuild of a read model: an optional {@link RebuildStatus}. */
public record FindRebuild(String readModel) {
}
