package io.github.o365watch.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The list forms every part of the view uses: positions to join with, and lists of plain values. */
final class ViewLists {
    private ViewLists() {}

    /** A copy of the list whose elements are copies with isFirst and isLast added (templates join with them). */
    static <T extends Map<String, Object>> List<Map<String, Object>> positions(List<T> list) {
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>(list.get(i));
            m.put("isFirst", i == 0);
            m.put("isLast", i == list.size() - 1);
            out.add(m);
        }
        return out;
    }

    /** Each string as {@code {key: value}}, with positions. */
    static List<Map<String, Object>> values(String key, List<String> list) {
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (String v : list) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put(key, v);
            out.add(x);
        }
        return positions(out);
    }
}
