package dev.tocsin.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detail values a caller may hand over by mistake: graphs with identity cycles, JPA-style entities whose
 * {@code toString()} recurses, objects whose {@code toString()} throws or returns {@code null} or a megabyte,
 * maps whose iteration throws, numbers that are not finite or whose methods throw, {@code null} keys and values.
 */
public final class HostileDetails {
    static final int MAX_DEPTH = 50;

    private final Hostile gen;

    HostileDetails(Hostile gen) {
        this.gen = gen;
    }

    Object value(int depth) {
        int kind = gen.below(depth > 2 ? 8 : 22);
        return switch (kind) {
            case 0, 1, 2 -> gen.string();
            case 3 -> gen.named("number", gen.pick(Double.NaN, Double.POSITIVE_INFINITY, -0.0d, Long.MIN_VALUE,
                    Float.NEGATIVE_INFINITY, new BigDecimal("1E+100000"), BigInteger.TWO.pow(70_000),
                    new BigDecimal("-0.000000000000000000000000000000000001")));
            case 4 -> gen.named("boolean", gen.chance(50));
            case 5 -> map(depth);
            case 6 -> list(depth);
            case 7 -> gen.named("array", new Object[] {value(depth + 1), null, gen.text()});
            case 8 -> deep();
            case 9 -> gen.named("self-map", selfMap());
            case 10 -> gen.named("self-list", selfList());
            case 11 -> gen.named("self-set", selfSet());
            case 12 -> gen.named("entity-pair", entityPair());
            case 13 -> gen.named("toString-throws-runtime", new Rendering(() -> {
                throw new IllegalStateException("lazy initialisation failed: no session");
            }));
            case 14 -> gen.named("toString-throws-error", new Rendering(() -> {
                throw gen.pick(new AssertionError("invariant"), new NoSuchMethodError("a.B.c()"),
                        new ExceptionInInitializerError("static init"));
            }));
            case 15 -> gen.named("toString-null", new Rendering(() -> null));
            case 16 -> gen.named("toString-1MB", new Rendering(() -> "m".repeat(1024 * 1024)));
            case 17 -> gen.named("iteration-throws", new IterationThrows());
            case 18 -> gen.named("treacherous-number", new TreacherousNumber(gen.chance(50)));
            case 19 -> gen.named("self-array", selfArray());
            case 20 -> gen.named("set", new LinkedHashSet<>(List.of(gen.text(), gen.below(9))));
            default -> gen.named("int-array", new int[] {1, 2, 3});
        };
    }

    private Map<Object, Object> map(int depth) {
        gen.note("map@" + depth);
        Map<Object, Object> out = new HashMap<>();
        int n = gen.below(4);
        for (int i = 0; i < n && depth < MAX_DEPTH; i++) {
            out.put(gen.chance(10) ? null : gen.chance(10) ? gen.secretName() : gen.text(),
                    gen.chance(10) ? null : value(depth + 1));
        }
        return out;
    }

    private List<Object> list(int depth) {
        gen.note("list@" + depth);
        List<Object> out = new ArrayList<>();
        int n = gen.below(4);
        for (int i = 0; i < n && depth < MAX_DEPTH; i++) {
            out.add(gen.chance(10) ? null : value(depth + 1));
        }
        return out;
    }

    /** Maps, lists and arrays nested {@value #MAX_DEPTH} deep, with a hostile leaf at the bottom. */
    private Object deep() {
        gen.note("deep-" + MAX_DEPTH);
        Object leaf = value(MAX_DEPTH);
        Object inner = leaf == null ? "leaf" : leaf;
        for (int i = 0; i < MAX_DEPTH; i++) {
            inner = switch (i % 3) {
                case 0 -> new LinkedHashMap<>(Map.of("level" + i, inner));
                case 1 -> new ArrayList<>(List.of(inner));
                default -> new Object[] {inner};
            };
        }
        return inner;
    }

    public static Map<String, Object> selfMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Object> other = new LinkedHashMap<>();
        map.put("self", map);
        map.put("other", other);
        other.put("back", map); // a cycle through a second map too, which AbstractMap.toString does not catch
        return map;
    }

    public static List<Object> selfList() {
        List<Object> list = new ArrayList<>();
        List<Object> other = new ArrayList<>();
        list.add("head");
        list.add(list);
        list.add(other);
        other.add(list);
        return list;
    }

    static Set<Object> selfSet() {
        Set<Object> set = new LinkedHashSet<>();
        List<Object> holder = new ArrayList<>();
        holder.add(set);
        set.add(holder);
        return set;
    }

    static Object[] selfArray() {
        Object[] a = new Object[2];
        a[0] = a;
        a[1] = List.of((Object) a); // one element, the array itself (not the array spread as varargs)
        return a;
    }

    /** An order and its customer, each printing the other, as JPA entities with generated toString() do. */
    public static Object entityPair() {
        Customer c = new Customer();
        Order o = new Order();
        o.customer = c;
        c.orders.add(o);
        return o;
    }

    static final class Order {
        Customer customer;

        @Override
        public String toString() {
            return "Order(customer=" + customer + ")";
        }
    }

    static final class Customer {
        final List<Order> orders = new ArrayList<>();

        @Override
        public String toString() {
            return "Customer(orders=" + orders + ")";
        }
    }

    /** An object whose {@code toString()} is whatever the supplier does. */
    public static final class Rendering {
        private final java.util.function.Supplier<String> text;

        public Rendering(java.util.function.Supplier<String> text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text.get();
        }
    }

    /** A map whose every iteration fails, as a map changed by another thread may. */
    public static final class IterationThrows extends AbstractMap<String, Object> {
        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return true;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            throw new ConcurrentModificationException();
                        }
                    };
                }

                @Override
                public int size() {
                    return 1;
                }
            };
        }
    }

    /** A number whose every method throws; an {@link Error} if asked. */
    public static final class TreacherousNumber extends Number {
        private final boolean error;

        public TreacherousNumber(boolean error) {
            this.error = error;
        }

        private RuntimeException fail() {
            if (error) {
                throw new LinkageError("treacherous number");
            }
            return new ArithmeticException("treacherous number");
        }

        @Override
        public int intValue() {
            throw fail();
        }

        @Override
        public long longValue() {
            throw fail();
        }

        @Override
        public float floatValue() {
            throw fail();
        }

        @Override
        public double doubleValue() {
            throw fail();
        }

        @Override
        public String toString() {
            throw fail();
        }
    }
}
