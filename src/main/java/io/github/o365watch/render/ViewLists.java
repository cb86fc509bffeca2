package io.github.o365watch.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The list forms every part of the view uses: positions to join with, and lists of plain values. */
final class ViewLists {
    private ViewLists() {}

    /** The list with isFirst and isLast added to each element (templates join with them); see {@link Views#positions}. */
    static <T extends Map<String, Object>> List<Map<String, Object>> positions(List<T> list) {
        return Views.positions(list);
    }

    /** Each string as {@code {key: value}}, with positions. */
    static List<Map<String, Object>> values(String key, List<String> list) {
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (String v : list) {
            out.add(Map.of(key, v)); // one small map per element: lists run to a hundred thousand
        }
        return positions(out);
    }
}
