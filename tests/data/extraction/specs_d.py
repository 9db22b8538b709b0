# ruff: noqa: E501
"""Letters of the fourth batch: hand-written claim letters with their expected fields."""

from build import D, G, J, L, P, X

LETTERS = [
L("ru", "damage", "price mentioned but only replacement asked: no amount claimed",
  "Арина Жукова <arina.zhukova@yandex.ru>", "Кофеварка пришла с трещиной", """
Здравствуйте!

Вчера, 30 ноября, получила заказ 77-6610 — кофеварка рожковая De'Longhi EC685 за 28 990 рублей. На корпусе сбоку трещина, поддон для капель сломан пополам, коробка с вмятиной как раз в этом месте. Явно уронили при перевозке.

Прошу заменить кофеварку на новую. Фото в приложении.

Арина Жукова, +7(916)1234500
""", att=[J("IMG_8841.jpg"), J("IMG_8842.jpg"), J("IMG_8843.jpg")],
  order_number="77-6610", product_name="кофеварка рожковая De'Longhi EC685", product_sku="EC685",
  grounds="На корпусе сбоку трещина, поддон для капель сломан пополам, коробка с вмятиной",
  demand="replacement", delivery_date="2026-11-30", phone="+79161234500"),

L("en", "defect", "rambling, child's pushchair, safety concern",
  "Megan Hughes <megan.hughes@gmail.com>", "Pushchair brake not working - safety issue", """
Hello,

I'm writing about the Yoya Plus pushchair I bought from you on 6 November (order 82-8812). I'm honestly quite upset. Yesterday I parked it on a very slight slope outside the GP surgery with the brake on and it rolled - luckily I grabbed it before it got to the road. My baby was in it.

When I looked at the brake, the pin on the right side doesn't engage with the wheel at all, it just slides past. The left one is loose too.

I don't want a repair on something like this. I want a full refund of £129.00 and I think you should check the rest of that batch.

Megan Hughes
07912 987654
""", order_number="82-8812", product_name="Yoya Plus pushchair", purchase_date="2026-11-06",
  grounds="the pin on the right side doesn't engage with the wheel at all, the left one is loose too",
  demand="refund", amount="129.00", currency="GBP", phone="+447912987654"),

L("ru", "shortage", "СДЭК waybill number, 'мест' count",
  "Сергей Тимофеев <s.timofeev@mail.ru>", "Пришло не всё", """
Добрый день. Получил посылку по накладной СДЭК 1098877665, по документам 2 места, выдали 1. Во втором месте был монитор LG 27MP400, заказ 88-7130. Прошу найти или довезти.
Сергей, 8 916 505 60 70
""", order_number="88-7130", waybill_number="1098877665", product_name="монитор LG 27MP400",
  quantity_ordered="2", quantity_received="1", grounds="по документам 2 места, выдали 1", demand="delivery_of_missing",
  phone="+79165056070"),

L("en", "delay", "terse plain, date like 'Nov 28th'",
  "Jordan Ellis <jordan.ellis@gmail.com>", "Order 60-9011", """
You said Nov 28th. It's Dec 1st. Where's my Logitech keyboard? Refund if not here by Thursday.
""", order_number="60-9011", product_name="Logitech keyboard", grounds="You said Nov 28th. It's Dec 1st", demand="refund"),

L("ru", "wrong_item", "windows-1251, wrong model of breaker, contract",
  "Электромонтаж-Сервис <ems@ems-tula.ru>", "Пересорт по договору 55/Э-2026", """
Добрый день. По договору 55/Э-2026 и счёту СФ-6011 вместо автоматических выключателей Schneider Easy9 C16 (арт. SH-RCD40) в количестве 30 шт. поставлены C25 — 30 шт. Для нашего объекта не подходят. Просим заменить. Товар на складе: Тула, ул. Марата, 100.
Инженер Лосев А.А., тел. 8 (4872) 25-00-11
""", cs="windows-1251",
  contract_number="55/Э-2026", invoice_number="СФ-6011", product_name="автоматических выключателей Schneider Easy9 C16",
  product_sku="SH-RCD40", quantity="30", unit="pcs", location="на складе: Тула, ул. Марата, 100",
  grounds="вместо C16 поставлены C25", demand="replacement", phone="+74872250011"),

L("en", "damage", "HTML-only with inline photo reference and attached JPEGs",
  "Noah Fischer <noah.fischer@bluewin.ch>", "Damaged parcel 71-9320", """
<div>Hello,</div><div><br></div><div>My parcel (order <b>71-9320</b>) was delivered on 28.11.2026 with the box completely wet. The Greenfield tea packs inside (5 packs) are soaked and mouldy, the Lavazza coffee bag is torn.</div><div><br></div><div>Please refund CHF 74.50.</div><div><br></div><div>Noah Fischer<br>+41 79 123 45 67</div>
""", html=True, att=[J("wet_box.jpg"), J("tea.jpg")],
  order_number="71-9320", product_name=["Greenfield tea", "Lavazza coffee"], quantity=["5"], unit=["pack"],
  delivery_date="2026-11-28", grounds="box completely wet, tea packs soaked and mouldy, coffee bag is torn",
  demand="refund", amount="74.50", currency="CHF", phone="+41791234567"),

L("ru", "defect", "food product, quality, amount in words only",
  "Тамара Николаевна <tamara.nik@mail.ru>", "Вода с запахом", """
Здравствуйте. Заказывали воду питьевую Aqua 19 л, 4 бутыли, заказ 91-7720, доставили 27 ноября. У воды запах тины и осадок на дне. Пить невозможно. Заберите бутыли и верните деньги — одну тысячу двести рублей.
Тамара Николаевна, 8-960-123-45-67
""", order_number="91-7720", product_name="воду питьевую Aqua 19 л", quantity="4", unit="pcs",
  delivery_date="2026-11-27", grounds="У воды запах тины и осадок на дне", demand="refund", amount="1200.00",
  currency="RUB", phone="+79601234567"),

L("en", "shortage", "forwarded from warehouse colleague, new text carries facts",
  "Priya Shah <priya.shah@shahimports.co.uk>", "Fwd: GRN discrepancy INV-566120", """
Hi team,

Forwarding our goods-in note. Invoice INV-566120: 40 Thermos 0.5 l flasks invoiced, 32 received (one inner carton of 8 missing). Please send the missing 8 to our Leicester warehouse, Unit 9, Meridian Business Park.

Thanks,
Priya Shah
0116 496 0123

---------- Forwarded message ---------
From: Goods In <goodsin@shahimports.co.uk>
Date: Tue, 1 Dec 2026 at 08:12
Subject: GRN discrepancy INV-566120
To: Priya Shah <priya.shah@shahimports.co.uk>

Thermos flasks 32/40, inner carton missing, seal was intact.
""", invoice_number="INV-566120", product_name="Thermos 0.5 l flasks", unit="pcs", quantity_ordered="40", quantity_received="32",
  location="Leicester warehouse, Unit 9, Meridian Business Park", grounds="one inner carton of 8 missing",
  demand="delivery_of_missing", phone="+441164960123"),

L("ru", "delay", "transliteration, amount in 'rub'",
  "Aleksandr Sh. <alex.sh1999@gmail.com>", "gde zakaz", """
Zdravstvuite, oplatil zakaz 77-8001 eshe 15 noyabrya, konstruktor LEGO City, do sih por ne otpravlen. Eto podarok na den rozhdeniya 5 dekabrya. Esli ne uspeete, vernite 6490 rub.
""", order_number="77-8001", product_name="konstruktor LEGO City", purchase_date="2026-11-15",
  grounds="oplatil eshe 15 noyabrya, do sih por ne otpravlen", demand="refund", amount="6490.00", currency="RUB"),

L("en", "service", "pickup for return never happened; plain with alternative",
  "Tom Richards <tom.richards@richardsbuild.co.uk>", "Return collection missed twice", """
Hi,

I booked a return collection for the wrong cable from order 82-9503. The courier was due on 26 November and again on 30 November. Both times nobody came, both times I stayed in all day. The cable is still in my garage at 8 Station Road, Didcot.

Please arrange a collection that actually happens, and I'd like compensation for two wasted days - £50 would be fair.

Tom Richards
07912 445566
""", alt=True,
  order_number="82-9503", location="my garage at 8 Station Road, Didcot",
  grounds="The courier was due on 26 November and again on 30 November. Both times nobody came",
  demand="compensation", amount="50.00", currency="GBP", phone="+447912445566"),

L("ru", "damage", "rambling, tyres, location in a garage, koi8-r",
  "Геннадий Сомов <somov.gena@rambler.ru>", "Шины пришли повреждённые", """
Добрый день!

Заказывал у вас зимние шины Nokian Hakkapeliitta 205/55 R16, 4 штуки, заказ 88-8440. Привезли в пятницу 27 ноября, я сразу не смотрел, а в субботу повёз в шиномонтаж. Там мастер показал: на двух шинах боковые порезы, на одной выдраны шипы, видимо, волокли по бетону или грузили погрузчиком. Ставить такие нельзя.

Шины сейчас лежат в шиномонтаже на ул. Гагарина, 17 в Липецке.

Прошу заменить три повреждённые шины.

Геннадий Сомов
тел. 8 920 111 22 33
""", cs="koi8-r",
  order_number="88-8440", product_name="зимние шины Nokian Hakkapeliitta 205/55 R16", quantity="4", unit="pcs",
  location="в шиномонтаже на ул. Гагарина, 17 в Липецке", grounds="на двух шинах боковые порезы, на одной выдраны шипы",
  demand="replacement", delivery_date="2026-11-27", phone="+79201112233"),

L("en", "wrong_item", "terse, product names both ways",
  "Leo Martins <leo.martins@sapo.pt>", "Wrong mat", """
Ordered a yoga mat 183x61, got a bath mat. Order 71-0550. Send the right one please.
""", order_number="71-0550", product_name="yoga mat 183x61", grounds="got a bath mat", demand="replacement"),

L("ru", "defect", "amount 'р.' and kopecks with dot, phone without plus",
  "Ильдар <ildar.hakimov@mail.ru>", "Картридж не печатает", """
Добрый день. Картридж HP CF244A из заказа 77-9102 не распознаётся принтером ("несовместимый картридж"), оригинальный работает нормально. Верните 3450.00 р.
Ильдар 79033334455
""", order_number="77-9102", product_name="Картридж HP CF244A", grounds='не распознаётся принтером ("несовместимый картридж")',
  demand="refund", amount="3450.00", currency="RUB", phone="+79033334455"),

L("en", "defect", "PDF invoice, order only in body, several items one faulty",
  "Ava Mitchell <ava.mitchell@gmail.com>", "Faulty mouse", """
Hi, from order 60-1250 the Logitech K120 keyboard is fine but the M185 mouse double-clicks on every single click. Invoice attached. Please replace the mouse.
Ava
""", att=[P("INV-567001.pdf", "Invoice INV-567001", "Order 60-1250", "LT-K120 Logitech K120 keyboard 1 pcs 19.99 USD", "LT-M185 Logitech M185 mouse 1 pcs 14.99 USD")],
  order_number="60-1250", invoice_number="INV-567001", product_name="M185 mouse", product_sku="LT-M185",
  grounds="double-clicks on every single click", demand="replacement"),

L("ru", "other", "asks for a certificate of conformity",
  "Тендерный отдел <tender@stroykompleks.ru>", "Запрос сертификатов", """
Добрый день. Для закрытия тендера нам нужны сертификаты соответствия на кабель ВВГнг 3х2,5 и автоматы Schneider Easy9, поставленные по счёту СФ-6233. Просим прислать сканы до 05.12.2026.
Тендерный отдел, +7 (495) 980-70-60
""", invoice_number="СФ-6233", product_name=["кабель ВВГнг 3х2,5", "автоматы Schneider Easy9"],
  grounds="нам нужны сертификаты соответствия", phone="+74959807060"),

L("en", "damage", "Outlook reply, quoted history of OUR ack with a different order number",
  "Carlos Mendez <carlos.mendez@mendezcatering.com>", "RE: Claim 2301 - we need photos", """
Photos attached. As I said, 3 of the 10 Tefal pans from order 40-6620 have bent handles and one has a cracked glass lid. We want replacements for the 3 pans.

Carlos

From: Mailflow Claims <claims@mailflow-shop.com>
Sent: Monday, November 30, 2026 4:12 PM
To: Carlos Mendez
Subject: Claim 2301 - we need photos

Dear customer, regarding order 40-6602 please send photos of the damage. Our ref: INV-566000.
""", att=[J("pan1.jpg"), J("pan2.jpg"), J("pan3.jpg")],
  order_number="40-6620", product_name="Tefal pans", quantity="10", unit="pcs",
  grounds="3 of the 10 pans have bent handles and one has a cracked glass lid", demand="replacement"),

L("ru", "delay", "HTML-only, corporate signature with two phones; the personal mobile is the contact",
  "Елена Марченко <e.marchenko@altai-trade.ru>", "Срыв сроков поставки, заказ ЗК-71890", """
<p>Добрый день!</p><p>По заказу <b>ЗК-71890</b> (картриджи HP CF244A, 40 шт.) срок поставки 24.11.2026 сорван. Просим сообщить, когда будет поставка, или вернуть оплату <b>138 000 руб.</b></p><p>С уважением,<br>Елена Марченко<br>Менеджер по закупкам ООО «Алтай-Трейд»<br>моб. +7 913 987 65 43</p>
""", html=True,
  order_number="ЗК-71890", product_name="картриджи HP CF244A", quantity="40", unit="pcs",
  grounds="срок поставки 24.11.2026 сорван", demand="refund", amount="138000.00", currency="RUB", phone="+79139876543"),

L("en", "shortage", "HTML-only, pieces missing from a set",
  "Oliver Reed <oliver.reed@gmail.com>", "LEGO set missing pieces", """
<p>Hi, the LEGO City 60337 set from order 82-1180 is missing bags 4 and 5 - the instructions stop at step 112. My son is gutted. Could you send the missing bags or a complete set?</p><p>Oliver</p>
""", html=True,
  order_number="82-1180", product_name="LEGO City 60337 set", product_sku="60337", grounds="missing bags 4 and 5",
  demand=["delivery_of_missing", "replacement"]),

L("ru", "wrong_item", "order number in XLSX name, goods at pickup point",
  "Денис Котов <kotov.d@yandex.ru>", "Пришло не то", """
Вместо Масла Shell Helix 5W-40 4 л (2 шт.) пришло Shell Helix 10W-40. Список заказа прикладываю. Забирать не стал, всё осталось в пункте выдачи на Ленинском проспекте, 45.
""", att=[X("заказ_88-9911.xlsx", ("Товар", "Кол-во"), ("Масло моторное Shell Helix 5W-40, 4 л", 2))],
  order_number="88-9911", product_name="Масла Shell Helix 5W-40 4 л", quantity="2", unit="pcs",
  location="в пункте выдачи на Ленинском проспекте, 45", grounds="пришло Shell Helix 10W-40"),

L("en", "delay", "B2B, PO and order numbers, plain with alternative",
  "Buyer <buyer@westfieldoffice.com>", "Overdue PO 5512 / your order 40-7044", """
Hello,

Our PO 5512 (your order 40-7044) for 30 HP LaserJet 107a printers was confirmed for delivery on 25 November. We have had no delivery and no update. We have new staff starting on 7 December who need these printers.

Please confirm a delivery date by return. If you cannot deliver by 4 December we will cancel and ask for a refund of $4,470.00.

Regards,
Sandra Ortiz
Westfield Office Supplies
+1 212 555 0147
""", alt=True,
  order_number=["5512", "40-7044"], product_name="HP LaserJet 107a printers", quantity="30", unit="pcs",
  grounds="confirmed for delivery on 25 November. We have had no delivery and no update", demand="refund",
  amount="4470.00", currency="USD", phone="+12125550147"),

L("ru", "service", "delivery slot changed without notice; phone '8-800' is the shop's, not counted",
  "Вера Полякова <vera.polyakova@mail.ru>", "Перенесли доставку без предупреждения", """
Здравствуйте! Доставку заказа 91-8320 (комод Мальм) дважды переносили без моего согласия: 28.11 и 30.11 пришли только СМС «доставка перенесена». Я брала отгулы. Звонила на ваш 8-800 — сказали «ждите». Прошу компенсировать мои потери 3 000 руб. и привезти комод 3 декабря.
Вера, +7 915 700 60 50
""", order_number="91-8320", product_name="комод Мальм", grounds="Доставку дважды переносили без моего согласия",
  demand="compensation", amount="3000.00", currency="RUB", phone="+79157006050"),

L("en", "damage", "Gmail quote of own earlier message; new text carries facts; amount 'USD 89'",
  "Sam Patel <sam.patel@gmail.com>", "Re: crushed box", """
Adding the details: order 60-2233, Braun MQ 5137 blender, the motor housing is cracked and the jug has a chip in the rim. Refund USD 89 please.

On Tue, 1 Dec 2026 at 07:51, Sam Patel <sam.patel@gmail.com> wrote:
> The blender box came crushed, will send details later.
""", order_number="60-2233", product_name="Braun MQ 5137 blender", grounds="the motor housing is cracked and the jug has a chip in the rim",
  demand="refund", amount="89.00", currency="USD"),

L("ru", "defect", "rambling, textiles, two photos named scan*.pdf that are JPEGs",
  "Ольга Степанова <olga.stepanova@gmail.com>", "Постельное бельё линяет", """
Добрый день.

Купила у вас комплект постельного белья 2-сп. сатин (заказ 77-1190, 19 ноября). Постирала перед использованием, как положено, при 40 градусах, отдельно от всего. Вода была ярко-синяя, на белом пододеяльнике остались синие разводы от наволочек, ткань после одной стирки вся в катышках. Какой же это сатин?

Фото прилагаю (сканы с телефона). Прошу вернуть деньги 4 290 руб.

Ольга Степанова
""", att=[J("scan_001.pdf", ctype="application/pdf"), J("scan_002.pdf", ctype="application/pdf")],
  order_number="77-1190", product_name="комплект постельного белья 2-сп. сатин", purchase_date="2026-11-19",
  grounds="на белом пододеяльнике остались синие разводы, ткань после одной стирки вся в катышках",
  demand="refund", amount="4290.00", currency="RUB", photos=2),

L("en", "other", "asks to combine two orders into one delivery",
  "Ruth Cohen <ruth.cohen@gmail.com>", "Combine deliveries?", """
Hi, I have orders 82-2301 and 82-2315 arriving separately. Could they come together? I'm out a lot and one delivery would be easier. Thanks, Ruth
""", order_number=["82-2301", "82-2315"], grounds="orders arriving separately"),

L("ru", "damage", "waybill and contract, big corporate, PDF waybill in Latin",
  "Транспортный отдел Северсталь-Снаб <transport@ss-snab.ru>", "Повреждение груза при перевозке, ТН-12011", """
Добрый день!

При приёмке груза по ТН-12011 (договор поставки № 301-ПС/2026) выявлены повреждения: 4 холодильника Bosch KGN39VL25R — вмятины на дверцах, у одного сломан уплотнитель. Отметка в транспортной накладной сделана (скан во вложении).

Требуем уценки на 15% по каждому повреждённому холодильнику или замены. Товар находится на складе: г. Череповец, ул. Металлургов, 30.

Начальник транспортного отдела
Рябов С.Н.
+7 (8202) 53-00-00
""", att=[P("TN-12011.pdf", "TN-12011", "Bosch KGN39VL25R  4 pcs", "Note: dents on doors, seal broken (1 pcs)")],
  waybill_number="ТН-12011", contract_number="301-ПС/2026", product_name="холодильники Bosch KGN39VL25R", product_sku="KGN39VL25R",
  quantity="4", unit="pcs", location="на складе: г. Череповец, ул. Металлургов, 30",
  grounds="вмятины на дверцах, у одного сломан уплотнитель", demand=["price_reduction", "replacement"],
  phone="+78202530000"),

L("en", "defect", "terse, transliteration of product by a non-native speaker",
  "Yusuf Demir <yusuf.demir@gmail.com>", "multivarka broken", """
Redmond multivarka RMC-M903 not heating. Order 71-2244. I want new one. Tel +90 532 123 45 67
""", order_number="71-2244", product_name="Redmond multivarka RMC-M903", product_sku="RMC-M903", grounds="not heating",
  demand="replacement", phone="+905321234567"),

L("ru", "shortage", "HTML-only, Outlook Russian, ordered/received in table",
  "Снабжение Медцентр <snab@medcentr-plus.ru>", "Недопоставка перчаток", """
<html><body><p>Добрый день.</p><p>По счёту № СФ-6410 недопоставка:</p><table border="1"><tr><td>Наименование</td><td>По счёту</td><td>Получено</td></tr><tr><td>Перчатки нитриловые, упак. 100 шт.</td><td>120 упак.</td><td>100 упак.</td></tr></table><p>Просим допоставить 20 упак. по адресу: Казань, ул. Чистопольская, 20, медцентр.</p><p>Старшая медсестра Исаева Г.<br>8 843 290-10-20</p></body></html>
""", html=True,
  invoice_number="СФ-6410", product_name="Перчатки нитриловые, упак. 100 шт.", unit="pack", quantity_ordered="120", quantity_received="100",
  location="Казань, ул. Чистопольская, 20, медцентр", grounds="недопоставка", demand="delivery_of_missing", phone="+78432901020"),

L("en", "wrong_item", "rambling, gift, wrong colour and size",
  "Julia Novak <julia.novak@gmail.com>", "Not the bedding I ordered", """
Hello,

I'm a bit frustrated - I ordered the double satin bedding set in grey as a present for my parents' anniversary (order 71-3390, paid 22 November). What arrived is a single-size set in a bright floral pattern. The packaging looks like it's been opened before, too.

The anniversary is on 10 December, so I really need the right set before then. Could you send the grey double set urgently and arrange a pickup for this one? I'm at home Monday and Wednesday.

Thanks,
Julia
+420 601 234 567
""", order_number="71-3390", product_name="double satin bedding set", purchase_date="2026-11-22",
  grounds="What arrived is a single-size set in a bright floral pattern", demand="replacement", phone="+420601234567"),

L("ru", "delay", "windows-1251, short, amount with 'руб.' and date format dd.mm.yy",
  "Павел <pavel.k@agro-ural.ru>", "Не пришла поставка", """
Оплатили счёт СФ-6501 от 18.11.26 на 45 600 руб., поставка должна была быть 25.11.26. Товара нет. Верните деньги.
""", cs="windows-1251",
  invoice_number="СФ-6501", purchase_date="2026-11-18", grounds="поставка должна была быть 25.11.26. Товара нет",
  demand="refund", amount="45600.00", currency="RUB"),

L("en", "damage", "PNG screenshot of carrier app plus JPEG photo",
  "Aiden Clark <aiden.clark@gmail.com>", "Scratched monitor 60-3320", """
The LG monitor from order 60-3320 has a deep scratch across the screen, and the carrier app shows the box was marked "damaged in handling" (screenshot attached). Please replace it.
Aiden, 415-555-0132
""", att=[G("carrier_app.png"), J("scratch.jpg")],
  order_number="60-3320", product_name="LG monitor", grounds="has a deep scratch across the screen",
  demand="replacement", phone="+14155550132"),

L("ru", "defect", "terse, from phone, no order number; product + date",
  "Мирон <miron.sh@icloud.com>", "Сломался", """
Перфоратор Макита HR2470 купил 10.11, сегодня отказал ударный режим. Ремонт по гарантии.

Отправлено с iPhone
""", product_name="Перфоратор Макита HR2470", purchase_date="2026-11-10", grounds="отказал ударный режим", demand="repair"),

L("en", "service", "unwanted subscription charge",
  "Chloe Adams <chloe.adams@outlook.com>", "Charged for 'Premium delivery' I never signed up for", """
Hi, my card has been charged £4.99 monthly since October for "Premium delivery". I never signed up for this. Please cancel it and refund the two charges (£9.98).
Chloe
""", grounds='charged £4.99 monthly since October for "Premium delivery". I never signed up for this',
  demand="refund", amount="9.98", currency="GBP"),

L("ru", "wrong_item", "Yandex quote of our message below; terse new text",
  "Ян Островский <yan.ostrovsky@yandex.ru>", "Re: Заказ 88-3330 отправлен", """
Пришёл не тот набор ножей: заказывал Bekker BK-KN05, пришёл какой-то без названия. Замените.

01.12.2026, 12:00, "Mailflow Shop" <orders@mailflow-shop.ru>:
> Ваш заказ 88-3330 отправлен. Состав: набор ножей Bekker BK-KN05.
""", order_number="88-3330", product_name="Bekker BK-KN05", product_sku="BK-KN05", grounds="пришёл какой-то без названия", demand="replacement"),

L("en", "shortage", "boxes unit, invoice, terse",
  "Mike Ross <mike@rossprint.com>", "INV-567890 short 2 boxes", """
INV-567890: 25 boxes A4 paper invoiced, 23 delivered. Send 2 boxes. Mike, Ross Print, 40 Canal St, Manchester.
""", invoice_number="INV-567890", product_name="A4 paper", unit="box", quantity_ordered="25", quantity_received="23",
  location="Ross Print, 40 Canal St, Manchester", grounds="25 boxes invoiced, 23 delivered", demand="delivery_of_missing"),

L("ru", "defect", "koi8-r, corporate, DOCX claim with Cyrillic, body short",
  "Юрист ООО Прогресс <lawyer@progress-smr.ru>", "Претензия о некачественном товаре", """
Добрый день. Направляем претензию по договору N 88/П-26 (во вложении). Прошу подтвердить получение.
Юрист Васильева А.С.
""", cs="koi8-r", att=[D("Претензия_88-П-26.docx", "ПРЕТЕНЗИЯ", "Договор № 88/П-26, счёт СФ-6620.",
       "Поставленные стеллажи металлические 5 полок (SB-SHELF5) в количестве 20 шт. имеют дефект сварных швов: полки прогибаются при нагрузке 30 кг вместо заявленных 100 кг.",
       "Требуем заменить товар либо вернуть 96 000,00 руб.")],
  contract_number="88/П-26", invoice_number="СФ-6620", product_name="стеллажи металлические 5 полок", product_sku="SB-SHELF5",
  quantity="20", unit="pcs", grounds="дефект сварных швов: полки прогибаются при нагрузке 30 кг вместо заявленных 100 кг",
  demand=["replacement", "refund"], amount="96000.00", currency="RUB"),

L("en", "delay", "HTML-only, rambling, mentions previous chat",
  "Lily Evans <lily.evans@gmail.com>", "Still waiting - order 82-4402", """
<div>Hi,</div><div><br></div><div>I chatted with someone called Mark on 27 November who promised my order 82-4402 (Philips air fryer) would be &quot;out for delivery tomorrow&quot;. It wasn&#39;t. It&#39;s now been 16 days since I ordered (15 November) and the tracking hasn&#39;t changed in a week.</div><div><br></div><div>I&#39;d like a firm date, and if there isn&#39;t one, a refund of £119.99.</div><div><br></div><div>Lily</div>
""", html=True,
  order_number="82-4402", product_name="Philips air fryer", purchase_date="2026-11-15",
  grounds="promised out for delivery tomorrow. It wasn't. The tracking hasn't changed in a week", demand="refund",
  amount="119.99", currency="GBP"),

L("ru", "damage", "transliteration, several items",
  "Marina <marina.belova@gmail.com>", "povrezhdeniya v zakaze 91-9001", """
Dobryi den! V zakaze 91-9001 razbity 2 lampy Gauss i tresnul korpus chainika Vitek. Korobka byla mokraya i rvanaya. Proshu zamenit. Marina, +7 917 555 44 33
""", order_number="91-9001", product_name=["lampy Gauss", "chainika Vitek"], quantity=["2"], unit=["pcs"],
  grounds="razbity 2 lampy, tresnul korpus chainika", demand="replacement", phone="+79175554433"),

L("en", "defect", "warranty, product SKU in subject, DOCX report by customer",
  "Workshop <workshop@fenwickjoinery.co.uk>", "Warranty claim IN-DT2031", """
Hello, warranty claim for an Interskol 125/900 angle grinder (IN-DT2031), bought 3 October 2026 on invoice INV-560555. Gearbox is grinding and the disc wobbles. Our report is attached. Please repair or replace.
Fenwick Joinery, 01632 960 555
""", att=[D("Grinder_fault_report.docx", "Fault report", "Angle grinder IN-DT2031", "Gearbox noise, disc wobble")],
  invoice_number="INV-560555", product_name="Interskol 125/900 angle grinder", product_sku="IN-DT2031",
  purchase_date="2026-10-03", grounds="Gearbox is grinding and the disc wobbles", demand=["repair", "replacement"]),

L("ru", "other", "thanks and a question; not a claim",
  "Людмила <lyudmila.p@mail.ru>", "Вопрос по уходу за сковородой", """
Добрый день! Сковорода Tefal Expertise пришла, всё отлично, спасибо. Подскажите, можно ли её мыть в посудомоечной машине? В инструкции не нашла.
""", product_name="Сковорода Tefal Expertise", grounds="можно ли её мыть в посудомоечной машине"),

L("ru", "shortage", "terse, numbers with 'из'",
  "Склад Мебель-Опт <opt@mebel-opt.ru>", "Недостача стульев? нет, кресел", """
ТН-12340: кресла Бюрократ CH-868 — 18 из 20. Довезите 2 шт. Склад Пермь, ш. Космонавтов, 111.
""", waybill_number="ТН-12340", product_name="кресла Бюрократ CH-868", unit="pcs", quantity_ordered="20", quantity_received="18",
  location="Склад Пермь, ш. Космонавтов, 111", grounds="18 из 20", demand="delivery_of_missing"),

L("en", "damage", "koi8-r is not used in English; latin-1 charset letter with £",
  "Owen Price <owen.price@talk21.com>", "Damaged kettle", """
Dear Sirs, the Vitek kettle from order 82-5590 arrived with the handle snapped off. Please refund £24.99 to my card. Regards, Owen Price, 4 Castle St, Cardiff.
""", cs="iso-8859-1",
  order_number="82-5590", product_name="Vitek kettle", location="4 Castle St, Cardiff", grounds="arrived with the handle snapped off",
  demand="refund", amount="24.99", currency="GBP"),

L("ru", "delay", "rambling, forwarded SMS text, new text carries facts",
  "Кристина <kristina.lebedeva@mail.ru>", "Fwd: СМС о доставке", """
Здравствуйте. Пересылаю СМС, которое мне пришло. Заказ 77-2460 (коляска Yoya Plus) должны были привезти 26.11, потом перенесли на 29.11, потом на 2.12. Каждый раз я отпрашиваюсь с работы. Ребёнку не в чем гулять. Если 2 декабря опять не привезут — отменяйте заказ и возвращайте 15 990 руб.
Кристина, 8 912 345 00 77

-------- Пересылаемое сообщение --------
От: MailflowShop
Ваша доставка перенесена на 02.12.
""", order_number="77-2460", product_name="коляска Yoya Plus", grounds="должны были привезти 26.11, потом перенесли на 29.11, потом на 2.12",
  demand="refund", amount="15990.00", currency="RUB", phone="+79123450077"),

L("en", "wrong_item", "order number only in the PDF, which also carries the SKU",
  "Ethan Wright <ethan.wright@gmail.com>", "Wrong drill bits set", """
Got a screwdriver set instead of the 18-piece bit set. Order details attached. Please swap.
""", att=[P("order.pdf", "Order 60-5512", "ZB-DS18 Zubr bit set 18 pcs  1 pcs  12.90 USD")],
  order_number="60-5512", product_name="18-piece bit set", product_sku="ZB-DS18", grounds="Got a screwdriver set instead of the 18-piece bit set",
  demand="replacement"),

L("ru", "service", "refund to wrong card",
  "Никита Власов <n.vlasov@yandex.ru>", "Возврат пришёл не на ту карту", """
Здравствуйте. По возврату заказа 88-4560 деньги (5 490 руб.) ушли на старую карту, которая уже закрыта, хотя я при оформлении возврата указал новую. Банк говорит, что деньги вернутся к вам. Прошу перевести на новую карту.
Никита, 8 (926) 100-20-30
""", order_number="88-4560", grounds="деньги ушли на старую карту, которая уже закрыта", demand="refund",
  amount="5490.00", currency="RUB", phone="+79261002030"),

L("ru", "damage", "rambling, several photos and a video link; location dacha",
  "Василий Петрович <v.p.morozov@mail.ru>", "Триммер пришёл сломанный", """
Здравствуйте, уважаемые!

Заказал у вас триммер электрический Huter GET-1000S, заказ 91-1234, привезли на дачу в СНТ «Берёзка», участок 45 (Истринский район). Открыл коробку — штанга согнута, кожух лески треснул, а катушка вообще болтается. Коробка была в порядке снаружи, но внутри всё побито, видно, кидали.

Фото прикладываю. Видео тоже снял, могу прислать, если надо.

Хочу, чтобы заменили на новый, без возни с ремонтом.

Морозов Василий Петрович
тел. 8 903 222-11-00
""", att=[J("trimmer_1.jpg"), J("trimmer_2.jpg"), J("trimmer_3.jpg")],
  order_number="91-1234", product_name="триммер электрический Huter GET-1000S", location="на дачу в СНТ «Берёзка», участок 45 (Истринский район)",
  grounds="штанга согнута, кожух лески треснул, а катушка вообще болтается", demand="replacement", phone="+79032221100"),

L("en", "defect", "mixed: claim plus question, refund amount with 'EUR' before",
  "Marta Kowalska <marta.kowalska@wp.pl>", "Blender problem", """
Good morning, the Braun blender (order 71-6620, delivered 20.11.2026) leaks from the bottom of the jug. Is it possible to get only a new jug? If not, I want a refund of EUR 89.99.
Marta, +48 601 234 567
""", order_number="71-6620", product_name="Braun blender", delivery_date="2026-11-20", grounds="leaks from the bottom of the jug",
  demand=["replacement", "refund"], amount="89.99", currency="EUR", phone="+48601234567"),

L("ru", "defect", "several SKUs only, no names",
  "Закупки ИП Ким <kim.zakupki@mail.ru>", "Брак по артикулам", """
Счёт 6720. Брак: LS-LED10 — 12 шт. не горят, SH-RCD40 — 2 шт. не взводятся. Прошу замену.
""", invoice_number="6720", product_sku=["LS-LED10", "SH-RCD40"], quantity=["12", "2"], unit=["pcs", "pcs"],
  grounds="не горят; не взводятся", demand="replacement"),

L("en", "other", "complaint about product description on the website",
  "Ian Fraser <ian.fraser@gmail.com>", "Misleading description", """
The product page for the Thermos 0.5 l says "keeps hot 24 hours", the box says 12 hours. Not a claim, just fix your website please. Ian
""", product_name="Thermos 0.5 l", grounds='The product page says "keeps hot 24 hours", the box says 12 hours'),
]
