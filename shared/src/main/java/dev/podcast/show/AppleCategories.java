package dev.podcast.show;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Apple Podcasts' category list as revised in 2019: each category with its subcategories. Apple
 * reads only the first category and subcategory of a feed. {@code Technology} has no
 * subcategories any more; {@code Tech News} sits under {@code News}.
 */
public final class AppleCategories {

  private static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();

  static {
    add("Arts", "Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts");
    add("Business", "Careers", "Entrepreneurship", "Investing", "Management", "Marketing",
        "Non-Profit");
    add("Comedy", "Comedy Interviews", "Improv", "Stand-Up");
    add("Education", "Courses", "How To", "Language Learning", "Self-Improvement");
    add("Fiction", "Comedy Fiction", "Drama", "Science Fiction");
    add("Government");
    add("History");
    add("Health & Fitness", "Alternative Health", "Fitness", "Medicine", "Mental Health",
        "Nutrition", "Sexuality");
    add("Kids & Family", "Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids");
    add("Leisure", "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
        "Home & Garden", "Video Games");
    add("Music", "Music Commentary", "Music History", "Music Interviews");
    add("News", "Business News", "Daily News", "Entertainment News", "News Commentary",
        "Politics", "Sports News", "Tech News");
    add("Religion & Spirituality", "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism",
        "Religion", "Spirituality");
    add("Science", "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
        "Natural Sciences", "Nature", "Physics", "Social Sciences");
    add("Society & Culture", "Documentary", "Personal Journals", "Philosophy", "Places & Travel",
        "Relationships");
    add("Sports", "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf",
        "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
        "Wrestling");
    add("Technology");
    add("True Crime");
    add("TV & Film", "After Shows", "Film History", "Film Interviews", "Film Reviews",
        "TV Reviews");
  }

  private AppleCategories() {}

  private static void add(String category, String... subcategories) {
    CATEGORIES.put(category, List.of(subcategories));
  }

  public static boolean isCategory(String name) {
    return CATEGORIES.containsKey(name);
  }

  public static boolean isSubcategory(String category, String subcategory) {
    return CATEGORIES.getOrDefault(category, List.of()).contains(subcategory);
  }

  /** The category a subcategory belongs to ({@code Tech News} → {@code News}), if any. */
  public static Optional<String> parentOf(String subcategory) {
    return CATEGORIES.entrySet().stream()
        .filter(e -> e.getValue().contains(subcategory))
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
