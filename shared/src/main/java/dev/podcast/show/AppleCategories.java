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

  /**
   * The pre-2019 names, each with the category and subcategory Apple moved its shows to
   * ({@code "Games & Hobbies"} → {@code Leisure}); a subcategory key is
   * {@code "Category/Subcategory"}.
   */
  private static final Map<String, List<String>> RENAMED = Map.ofEntries(
      Map.entry("Technology/Tech News", List.of("News", "Tech News")),
      Map.entry("Technology/Podcasting", List.of("Technology", "")),
      Map.entry("Technology/Gadgets", List.of("Technology", "")),
      Map.entry("Technology/Software How-To", List.of("Technology", "")),
      Map.entry("Games & Hobbies", List.of("Leisure", "")),
      Map.entry("Games & Hobbies/Video Games", List.of("Leisure", "Video Games")),
      Map.entry("Games & Hobbies/Automotive", List.of("Leisure", "Automotive")),
      Map.entry("Games & Hobbies/Aviation", List.of("Leisure", "Aviation")),
      Map.entry("Games & Hobbies/Hobbies", List.of("Leisure", "Hobbies")),
      Map.entry("Games & Hobbies/Other Games", List.of("Leisure", "Games")),
      Map.entry("Government & Organizations", List.of("Government", "")),
      Map.entry("Health", List.of("Health & Fitness", "")),
      Map.entry("Health/Alternative Health", List.of("Health & Fitness", "Alternative Health")),
      Map.entry("Health/Fitness & Nutrition", List.of("Health & Fitness", "Fitness")),
      Map.entry("Health/Self-Help", List.of("Education", "Self-Improvement")),
      Map.entry("Health/Sexuality", List.of("Health & Fitness", "Sexuality")),
      Map.entry("Science & Medicine", List.of("Science", "")),
      Map.entry("Science & Medicine/Medicine", List.of("Health & Fitness", "Medicine")),
      Map.entry("Science & Medicine/Natural Sciences", List.of("Science", "Natural Sciences")),
      Map.entry("Science & Medicine/Social Sciences", List.of("Science", "Social Sciences")),
      Map.entry("Society & Culture/History", List.of("History", "")),
      Map.entry("Sports & Recreation", List.of("Sports", "")),
      Map.entry("Sports & Recreation/Outdoor", List.of("Sports", "Wilderness")),
      Map.entry("Business/Business News", List.of("News", "Business News")),
      Map.entry("Business/Management & Marketing", List.of("Business", "Management")),
      Map.entry("Business/Shopping", List.of("Business", "")),
      Map.entry("Education/Educational Technology", List.of("Education", "")),
      Map.entry("Education/Higher Education", List.of("Education", "")),
      Map.entry("Education/K-12", List.of("Education", "")),
      Map.entry("Education/Language Courses", List.of("Education", "Language Learning")),
      Map.entry("Education/Training", List.of("Education", "Courses")),
      Map.entry("Arts/Literature", List.of("Arts", "Books")),
      Map.entry("Arts/Spoken Word", List.of("Arts", "")),
      Map.entry("News & Politics", List.of("News", "")),
      Map.entry("Religion & Spirituality/Other", List.of("Religion & Spirituality", "Religion")),
      Map.entry("TV & Film", List.of("TV & Film", "")));

  private AppleCategories() {}

  /**
   * {@code category} and {@code subcategory} as Apple's 2019 list names them: a current pair as
   * it is, an old one renamed (a subcategory Apple dropped gives its category alone); empty for
   * a name Apple never listed.
   */
  public static Optional<List<String>> current(String category, String subcategory) {
    if (isCategory(category) && (subcategory.isEmpty() || isSubcategory(category, subcategory))) {
      return Optional.of(List.of(category, subcategory));
    }
    List<String> renamed = RENAMED.get(category + "/" + subcategory);
    if (renamed != null) {
      return Optional.of(renamed);
    }
    if (isCategory(category)) {
      return Optional.of(List.of(category, "")); // a subcategory Apple no longer lists
    }
    renamed = RENAMED.get(category);
    if (renamed != null) {
      return Optional.of(renamed);
    }
    return parentOf(category).map(parent -> List.of(parent, category));
  }

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
